"""Forms: the customer's answers, and the manager's survey building."""


from django import forms
from django.utils.translation import gettext_lazy as _

from kliento.customers.forms import CustomerSearchField
from kliento.customers.models import Language
from kliento.surveys.models import Invitation, Question, Survey
from kliento.surveys.question_bank import LANGUAGES, text_in

Kind = Question.Kind

# The words at both ends of each scale, so a number means the same to every customer.
SCALE_ENDS = {
    Kind.NPS: (_("Not at all likely"), _("Extremely likely")),
    Kind.CSAT: (_("Very dissatisfied"), _("Very satisfied")),
    Kind.CES: (_("Very little effort"), _("A great deal of effort")),
    Kind.EXPECTATION: (_("Very little"), _("The very best")),
}
DEFAULT_SCALE_ENDS = (_("Very poor"), _("Excellent"))
DRAFT_VALUE_LIMIT = 4000


def answer_field(question: Question, language: str, fallback: str) -> forms.Field:
    label = text_in(question.text, language, fallback)
    required = {"required": _("Please answer this question.")}
    if question.kind in (Kind.COMMENT, Kind.TEXT):
        return forms.CharField(
            label=label, required=question.required, max_length=DRAFT_VALUE_LIMIT,
            widget=forms.Textarea(attrs={"rows": 4}), error_messages=required)
    if question.kind == Kind.CHOICE:
        return forms.ChoiceField(
            label=label, required=question.required, widget=forms.RadioSelect,
            error_messages=required,
            choices=[(option["value"], text_in(option["text"], language, fallback))
                     for option in question.options])
    low, high = question.scale_low, question.scale_high
    field = forms.TypedChoiceField(
        label=label, required=question.required, coerce=int, widget=forms.RadioSelect,
        choices=[(value, str(value)) for value in range(low, high + 1)],
        error_messages=required | {
            "invalid_choice": _("Choose a number from %(low)d to %(high)d.")
            % {"low": low, "high": high}},
    )
    field.scale_ends = SCALE_ENDS.get(question.kind, DEFAULT_SCALE_ENDS)
    return field


class AnswerForm(forms.Form):
    """One field per question (``q<id>``), plus the customer's name to correct. The question
    fields are declared by a survey's own form class (``answer_form_class``), or built for
    this form alone from ``questions``, in ``language``."""

    full_name = forms.CharField(
        label=_("Your name, as you write it"), max_length=200, required=False,
        help_text=_("Correct it if we got it wrong."))
    questions: tuple[Question, ...] = ()

    def __init__(self, *args, questions=None, language: str = "", fallback: str = "",
                 **kwargs):
        super().__init__(*args, **kwargs)
        if questions is not None:
            self.fields = dict(self.fields)  # never add to fields another form shares
            self.questions = tuple(questions)
            for question in self.questions:
                self.fields[f"q{question.pk}"] = answer_field(question, language, fallback)

    def question_fields(self):
        return [self[f"q{question.pk}"] for question in self.questions]

    def answers(self) -> dict[int, object]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()
                if name.startswith("q") and value not in (None, "")}

    def draft(self) -> dict[str, str]:
        """What was typed or chosen so far, unchecked: a half-finished form is saved as is."""
        return {name: self.data.get(name, "")[:DRAFT_VALUE_LIMIT]
                for name in self.fields if self.data.get(name)}


class SurveyCreateForm(forms.ModelForm):
    blocks = forms.MultipleChoiceField(
        label=_("Questions"), widget=forms.CheckboxSelectMultiple, initial=["nps", "comment"],
        choices=[
            ("nps", _("Net Promoter Score: would they recommend us? (0–10)")),
            ("csat", _("Satisfaction with the service (1–5)")),
            ("ces", _("Effort it took (1–7)")),
            ("kv", _("Expectation and experience, for the KV index (1–10 each)")),
            ("grade", _("The five service factors, for the service grade (1–10 each)")),
            ("comment", _("An open comment")),
        ],
    )

    class Meta:
        model = Survey
        fields = ["name", "default_language", "trigger", "valid_days", "anonymous"]


class QuestionWordingForm(forms.Form):
    """A question's text in all five languages, and for a choice its options, one per line,
    the same options in the same order in every language.

    No text field is marked required for the browser: it would refuse to send the form without
    saying why when the empty field sits out of sight. The form itself names the languages
    missing."""

    required = forms.BooleanField(label=_("Required"), required=False, initial=True)

    def __init__(self, *args, with_options: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in Language.choices:
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Question in %(language)s") % {"language": name}, max_length=500,
                required=False)
        if with_options:
            for code, name in Language.choices:
                self.fields[f"options_{code}"] = forms.CharField(
                    label=_("Options in %(language)s, one per line") % {"language": name},
                    required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        missing = [(code, name) for code, name in Language.choices
                   if not (data.get(f"text_{code}") or "").strip()]
        for code, name in missing:
            self.add_error(f"text_{code}", _("Write the question in %(language)s too.")
                           % {"language": name})
        if missing:
            self.add_error(None, _(
                "The question is missing in: %(languages)s. Customers see the survey in "
                "their own language, so it needs every one.")
                % {"languages": ", ".join(str(name) for _code, name in missing)})
        return data

    def options_clean(self, data) -> None:
        lines = {code: [line.strip() for line in data.get(f"options_{code}", "").splitlines()
                        if line.strip()] for code in LANGUAGES}
        counts = {len(options) for options in lines.values()}
        if counts != {len(lines["en"])} or len(lines["en"]) < 2:
            self.add_error(None, _("Give at least two options, and the same number of "
                                   "options in every language."))
        else:
            data["options"] = [
                {"value": f"option-{index}",
                 "text": {code: lines[code][index] for code in LANGUAGES}}
                for index in range(len(lines["en"]))]

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"text_{code}"].strip() for code in LANGUAGES}


class CustomQuestionForm(QuestionWordingForm):
    """A new custom question: a scale, a choice or a text."""

    kind = forms.ChoiceField(label=_("Kind"), choices=[
        (Kind.SCALE, _("A scale")), (Kind.CHOICE, _("A choice")), (Kind.TEXT, _("A text"))])
    scale_low = forms.IntegerField(label=_("Lowest answer"), initial=1, min_value=0,
                                   max_value=100)
    scale_high = forms.IntegerField(label=_("Highest answer"), initial=10, min_value=1,
                                    max_value=100)
    field_order = ["kind", "scale_low", "scale_high", "required"]

    def clean(self):
        data = super().clean()
        if data.get("kind") == Kind.SCALE and data.get("scale_low") is not None and \
                data.get("scale_high") is not None and data["scale_low"] >= data["scale_high"]:
            self.add_error("scale_high", _("The highest answer must be above the lowest."))
        if data.get("kind") == Kind.CHOICE:
            self.options_clean(data)
        return data


class QuestionEditForm(QuestionWordingForm):
    """An existing question: its wording and whether it is required; a custom scale its ends,
    a choice its options. A built-in measure keeps its scale."""

    def __init__(self, *args, question: Question, **kwargs):
        initial = {f"text_{code}": question.text.get(code, "") for code in LANGUAGES}
        initial["required"] = question.required
        for code in LANGUAGES:
            initial[f"options_{code}"] = "\n".join(
                option["text"].get(code, "") for option in question.options)
        initial |= {"scale_low": question.scale_low, "scale_high": question.scale_high}
        super().__init__(*args, initial=initial, with_options=question.kind == Kind.CHOICE,
                         **kwargs)
        self.question = question
        if question.kind == Kind.SCALE:
            self.fields["scale_low"] = forms.IntegerField(
                label=_("Lowest answer"), min_value=0, max_value=100)
            self.fields["scale_high"] = forms.IntegerField(
                label=_("Highest answer"), min_value=1, max_value=100)

    def clean(self):
        data = super().clean()
        if self.question.kind == Kind.SCALE and data.get("scale_low") is not None and \
                data.get("scale_high") is not None and data["scale_low"] >= data["scale_high"]:
            self.add_error("scale_high", _("The highest answer must be above the lowest."))
        if self.question.kind == Kind.CHOICE:
            self.options_clean(data)
        return data


class CustomerLookupForm(forms.Form):
    """The customer by name, e-mail, phone or external id, among ``customers`` (the asker's
    reach), so that the error naming several matches names only people they may see."""

    customer = CustomerSearchField()

    def __init__(self, *args, customers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["customer"].customers = customers


class InviteForm(CustomerLookupForm):
    channel = forms.ChoiceField(label=_("Channel"))
    delivery = forms.ChoiceField(label=_("How"), choices=[
        (Invitation.Delivery.EMAIL, _("Send by e-mail")),
        (Invitation.Delivery.LINK, _("Show a link and QR code here"))])

    def __init__(self, *args, channels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [(c.code, str(c)) for c in channels]


class InboxFilterForm(forms.Form):
    """The responses inbox's filters. Every field is optional; the same names are the query
    parameters a KPI card or an explore cell links to the inbox with."""

    q = forms.CharField(label=_("Search comments"), required=False, max_length=200,
                        widget=forms.TextInput(attrs={"type": "search"}))
    since = forms.DateField(label=_("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    survey = forms.ModelChoiceField(label=_("Survey"), required=False, queryset=None)
    score_class = forms.ChoiceField(label=_("Score"), required=False, choices=[
        ("", _("All scores")), ("detractor", _("Detractors (0–6)")),
        ("passive", _("Passives (7–8)")), ("promoter", _("Promoters (9–10)")),
        ("kv_below_one", _("Experience below expectation"))])
    touchpoint = forms.ModelChoiceField(label=_("Touchpoint"), required=False, queryset=None)
    channel = forms.ModelChoiceField(label=_("Channel"), required=False, queryset=None)
    agent = forms.ModelChoiceField(label=_("Agent"), required=False, queryset=None)
    team = forms.ModelChoiceField(label=_("Team"), required=False, queryset=None)
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=[("", _("All languages")), *Language.choices])
    has_comment = forms.ChoiceField(label=_("Comment"), required=False, choices=[
        ("", _("With or without")), ("yes", _("With a comment")),
        ("no", _("Without a comment"))])
    tag = forms.CharField(label=_("Tag"), required=False, max_length=40)
    assignee = forms.ModelChoiceField(label=_("Assigned to"), required=False, queryset=None)

    def __init__(self, *args, surveys, touchpoints, channels, agents, teams, colleagues,
                 **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in (("survey", surveys), ("touchpoint", touchpoints),
                               ("channel", channels), ("agent", agents), ("team", teams),
                               ("assignee", colleagues)):
            self.fields[name].queryset = queryset
            self.fields[name].empty_label = _("All")

    def filters(self) -> dict:
        """Keyword arguments for ``survey_response_inbox``: what was valid of the filters."""
        self.is_valid()  # an invalid field is left out; the valid ones still filter
        data = self.cleaned_data
        has_comment = data.get("has_comment")
        return {
            "search": data.get("q") or "", "since": data.get("since"),
            "until": data.get("until"), "score_class": data.get("score_class") or "",
            "language": data.get("language") or "", "tag": data.get("tag") or "",
            "has_comment": {"yes": True, "no": False}.get(has_comment or ""),
            **{name: data[name].pk if data.get(name) else None
               for name in ("survey", "touchpoint", "channel", "agent", "team", "assignee")},
        }


class ResponseTagForm(forms.Form):
    name = forms.CharField(label=_("Tag"), max_length=40)


class ResponseNoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ResponseAssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assign to"), required=False, queryset=None,
                                      empty_label=_("Nobody"))

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = colleagues
