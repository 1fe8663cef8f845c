"""Phrasebook: realistic demo data for Kliento in English, Lithuanian, Latvian, Russian and Polish.

Pure data, no Django and no Faker: cities, streets, the demo retailer's six stores, contact
centre, web shop and teams; gendered first names and surnames; survey comments by score band;
interaction texts by kind; and promise descriptions in the agent's words. The themes come from
the seed articles on customer service: promises kept and broken, callbacks that were never made,
deliveries late or of the wrong model, colour or size, repairs done but a mess left behind,
staff courtesy, cleanliness, security staff and a customer's name misspelt in a letter.
"""

from .comments import COMMENTS
from .names import FIRST_NAMES, LAST_NAMES
from .places import CITIES, LOCATIONS, STREETS, TEAMS
from .promises import PROMISE_DESCRIPTIONS
from .texts import INTERACTION_TEXTS

__all__ = [
    "CITIES",
    "COMMENTS",
    "FIRST_NAMES",
    "INTERACTION_TEXTS",
    "LAST_NAMES",
    "LOCATIONS",
    "PROMISE_DESCRIPTIONS",
    "STREETS",
    "TEAMS",
]
