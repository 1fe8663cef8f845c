"""The questions pages' forms: the candidates' ranking, the drill-down's filters, a topic's
name and its FAQ entry in every language."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kliento.customers.models import Language
from kliento.interactions.models import Channel
from kliento.organisation.periods import DEFAULT_WEEKS, WEEK_CHOICES
from kliento.questions.selectors import Ranking
from kliento.questions.services import MAX_FAQ_TEXT, MAX_NAME

RANKINGS = [(Ranking.VOLUME.value, _("Contacts")),
            (Ranking.COST.value, _("Cost in handle time"))]


class CandidateFilterForm(forms.Form):
    ranking = forms.ChoiceField(label=_("Rank by"), choices=RANKINGS, required=False,
                                initial=Ranking.VOLUME.value)
    weeks = forms.TypedChoiceField(label=_("Period"), coerce=int, required=False,
                                   empty_value=DEFAULT_WEEKS, initial=DEFAULT_WEEKS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Worded in the request's language, so not at import time.
        self.fields["weeks"].choices = [
            (weeks, ngettext("Last %(weeks)s week", "Last %(weeks)s weeks", weeks)
             % {"weeks": weeks}) for weeks in WEEK_CHOICES]

    def params(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"ranking": Ranking(data.get("ranking") or Ranking.VOLUME),
                "weeks": data.get("weeks") or DEFAULT_WEEKS}


class QuestionFilterForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), required=False,
                                choices=[("", _("All channels")), *Channel.Code.choices])
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=[("", _("All languages")), *Language.choices])
    week = forms.DateField(label=_("Week of"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}))

    def params(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        week = data.get("week")
        if week:
            week = week.fromordinal(week.toordinal() - week.weekday())  # its Monday
        return {"channel": data.get("channel") or None, "language": data.get("language") or None,
                "week": week}


class TopicNameForm(forms.Form):
    name = forms.CharField(label=_("Topic name"), max_length=MAX_NAME, required=False,
                           help_text=_("What managers call this question. Leave empty to show "
                                       "the mined label."))


class FaqEntryForm(forms.Form):
    """A question and an answer per language; a language left empty falls back."""

    def __init__(self, *args, entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in Language.choices:
            self.fields[f"question_{code}"] = forms.CharField(
                label=_("Question (%(language)s)") % {"language": name}, required=False,
                max_length=MAX_FAQ_TEXT)
            self.fields[f"answer_{code}"] = forms.CharField(
                label=_("Answer (%(language)s)") % {"language": name}, required=False,
                max_length=MAX_FAQ_TEXT, widget=forms.Textarea(attrs={"rows": 4}))
            if entry is not None:
                self.fields[f"question_{code}"].initial = entry.question.get(code, "")
                self.fields[f"answer_{code}"].initial = entry.answer.get(code, "")

    def languages(self):
        """(language name, question field, answer field) for the template, one per language."""
        return [(name, self[f"question_{code}"], self[f"answer_{code}"])
                for code, name in Language.choices]

    def texts(self) -> tuple[dict[str, str], dict[str, str]]:
        data = self.cleaned_data
        return ({code: data.get(f"question_{code}", "") for code in Language.values},
                {code: data.get(f"answer_{code}", "") for code in Language.values})
