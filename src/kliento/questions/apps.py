from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "kliento.questions"
    verbose_name = _("Recurring questions")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(
            group="customers", label=_("FAQ candidates"), url_name="questions:candidates",
            permissions=["questions.view_topic"], current_app="questions",
            current_when=lambda match: match.url_name != "comments", order=60)
        nav_item_register(
            group="customers", label=_("Comment topics"), url_name="questions:comments",
            permissions=["questions.view_topic"], current_app="questions",
            current_when=lambda match: match.url_name == "comments", order=61)
