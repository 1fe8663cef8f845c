from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "kliento.people"
    verbose_name = _("People")

    def ready(self) -> None:
        from kliento.ui.navigation import nav_item_register

        nav_item_register(group="people", label=_("My scorecard"), url_name="people:me",
                          permissions=["people.view_scorecard"], current_app="people",
                          current_when=lambda match: match.url_name in ("me", "agent"),
                          order=10)
        nav_item_register(group="people", label=_("Leaderboard"),
                          url_name="people:leaderboard", permissions=["people.view_scorecard"],
                          current_app="people",
                          current_when=lambda match: match.url_name == "leaderboard", order=20)
        nav_item_register(group="people", label=_("Contests"), url_name="people:contests",
                          permissions=["people.view_contest"], current_app="people",
                          current_when=lambda match: match.url_name.startswith("contest"),
                          order=30)
        nav_item_register(group="people", label=_("Bonuses"), url_name="people:bonuses",
                          permissions=["people.export_payouts"], current_app="people",
                          current_when=lambda match: match.url_name.startswith("bonus"),
                          order=40)

        nav_item_register(group="people", label=_("Upsell"), url_name="people:upsell",
                          permissions=["people.view_people_analytics"], current_app="people",
                          current_when=lambda match: match.url_name == "upsell", order=45)
        nav_item_register(group="people", label=_("Turnover and training"),
                          url_name="people:workforce",
                          permissions=["people.view_people_analytics"], current_app="people",
                          current_when=lambda match: match.url_name == "workforce", order=47)
        nav_item_register(group="people", label=_("Employee loyalty"),
                          url_name="people:loyalty",
                          permissions=["people.view_people_analytics"], current_app="people",
                          current_when=lambda match: match.url_name == "loyalty", order=50)
        nav_item_register(group="people", label=_("Employee survey"),
                          url_name="people:employee-survey",
                          permissions=["people.view_scorecard"], current_app="people",
                          current_when=lambda match: match.url_name == "employee-survey",
                          order=60)

        from kliento.people import access  # noqa: F401  (registers whose records a role reaches)
