"""The top navigation: each app registers its own pages, the base template draws them.

An app adds its entries in ``AppConfig.ready()``::

    from kliento.ui.navigation import nav_item_register

    nav_item_register(group="customers", label=_("Defects"), url_name="defects:list",
                      permissions=["defects.view_defect"], current_app="defects")

so no app edits the shared base template, and a person sees only the doors their role opens
(the same permissions the pages check with ``page_requires``). Entries are grouped into four
menus, kept in this order so the bar fits one line at 1366 px in every language: what the
numbers say (measure), the customers and their cases (customers), the people who serve them
(people), and what feeds Kliento (setup). A menu with one visible entry is drawn as a plain
link.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import ResolverMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

GROUPS: dict[str, Promise] = {
    "measure": pgettext_lazy("navigation menu", "Measure"),
    "customers": pgettext_lazy("navigation menu", "Customers"),
    "people": pgettext_lazy("navigation menu", "People"),
    "setup": pgettext_lazy("navigation menu", "Setup"),
}


@dataclass(frozen=True)
class NavItem:
    group: str
    label: Promise | str
    url_name: str
    # Any one of these opens the entry; empty means any signed-in person.
    permissions: tuple[str, ...] = ()
    staff_only: bool = False
    # The entry is marked current on pages of this URL namespace (and, when given, only for
    # URL names this predicate accepts).
    current_app: str | None = None
    current_when: Callable[[ResolverMatch], bool] | None = None
    order: int = 100

    def shown_to(self, user) -> bool:
        if self.staff_only and not user.is_staff:
            return False
        return not self.permissions or any(user.has_perm(name) for name in self.permissions)

    def is_current(self, match: ResolverMatch | None) -> bool:
        if match is None or self.current_app is None or match.app_name != self.current_app:
            return False
        return self.current_when is None or self.current_when(match)


@dataclass
class NavGroup:
    key: str
    label: Promise | str
    entries: list[dict] = field(default_factory=list)

    @property
    def is_current(self) -> bool:
        return any(entry["current"] for entry in self.entries)


_REGISTRY: list[NavItem] = []


def nav_item_register(*, group: str, label: Promise | str, url_name: str,
                      permissions: Sequence[str] = (), staff_only: bool = False,
                      current_app: str | None = None,
                      current_when: Callable[[ResolverMatch], bool] | None = None,
                      order: int = 100) -> None:
    """Add one entry to the top navigation (idempotent per ``url_name``)."""
    if group not in GROUPS:
        raise ValueError(f"group must be one of {', '.join(GROUPS)}, not {group!r}")
    if any(item.url_name == url_name for item in _REGISTRY):
        return
    _REGISTRY.append(NavItem(group, label, url_name, tuple(permissions), staff_only,
                             current_app, current_when, order))


def nav_groups_for(request: HttpRequest) -> list[NavGroup]:
    """The menus this person sees, in the fixed group order, entries by ``order``."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    match = getattr(request, "resolver_match", None)
    groups = {key: NavGroup(key, label) for key, label in GROUPS.items()}
    for item in sorted(_REGISTRY, key=lambda item: (item.order, str(item.url_name))):
        if item.shown_to(user):
            groups[item.group].entries.append({
                "label": item.label, "url": reverse(item.url_name),
                "current": item.is_current(match)})
    return [group for group in groups.values() if group.entries]


def navigation(request: HttpRequest) -> dict:
    """Template context processor: ``nav_groups`` for ``ui/_nav.html``.

    A callable, which the template language calls only where the menu is drawn: the
    customers' link pages never draw it, so they never read the session (no ``Vary: Cookie``,
    and caches may not keep them)."""
    return {"nav_groups": lambda: nav_groups_for(request)}
