"""Defects over the API: list, log (JSON; photos go through the page), fix, verify, and a
category suggested from a text."""

from datetime import datetime
from typing import Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from kliento.access.policy import authorize, visible
from kliento.api.authentication import requires
from kliento.api.ids import RowId
from kliento.api.problems import Problem, field_problem
from kliento.defects import selectors, services
from kliento.defects.categories import defect_category_suggest
from kliento.defects.models import Defect
from kliento.interactions.models import Touchpoint
from kliento.organisation.models import Location

router = Router(tags=["defects"])

DefectCategoryIn = Literal[tuple(Defect.Category.values)]
DefectStatusIn = Literal[tuple(Defect.Status.values)]


class DefectOut(Schema):
    id: int
    location: int | None = Field(alias="location_id")
    touchpoint: int | None = Field(alias="touchpoint_id")
    category: DefectCategoryIn
    suggested_category: str = Field(description="What the suggester read from the text; "
                                                "empty when it found no cue.")
    description: str
    has_photo: bool = False
    source: Literal[tuple(Defect.Source.values)]
    owner: int | None = Field(alias="owner_id", description="User id.")
    due_at: datetime | None
    status: DefectStatusIn
    observed_at: datetime
    fixed_at: datetime | None
    verified_at: datetime | None

    @staticmethod
    def resolve_has_photo(defect: Defect) -> bool:
        return bool(defect.photo)


class DefectIn(Schema):
    location: RowId | None = None
    touchpoint: RowId | None = None
    category: DefectCategoryIn | None = Field(
        None, description="Left out: suggested from the description (other without a cue).")
    description: str
    owner: RowId | None = Field(None, description="User id of who fixes it.")
    due_at: datetime | None = Field(None, description="Three days after it was seen by "
                                                      "default.")
    observed_at: datetime | None = Field(None, description="When it was seen; now by "
                                                           "default.")
    language: Literal["en", "lt", "lv", "ru", "pl"] = "en"


class DefectFilters(Schema):
    status: DefectStatusIn | None = None
    category: DefectCategoryIn | None = None
    location: RowId | None = None
    touchpoint: RowId | None = None


class DefectVerifyIn(Schema):
    fixed: bool = Field(True, description="false: the fix did not hold, the defect is open "
                                          "again.")


class CategorySuggestionOut(Schema):
    category: str | None
    confidence: float


class DefectProblemOut(Problem):
    errors: dict[str, list[str]]


def _row(model, pk: int | None, field: str):
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: [_("No such %(field)s: %(id)s.") % {"field": field,
                                                                          "id": pk}]})
    return found


@router.get("/defects", auth=requires("defects.view_defect"), response=list[DefectOut],
            summary="Defects you reach, newest seen first")
@paginate
def defect_list(request: HttpRequest, filters: Query[DefectFilters]):
    return visible(request.user, "defects.view_defect", selectors.defect_list(
        status=filters.status, category=filters.category, location_id=filters.location,
        touchpoint_id=filters.touchpoint))


@router.post("/defects", auth=requires("defects.add_defect"),
             response={201: DefectOut, 422: DefectProblemOut},
             summary="Log a defect against a location and touchpoint")
def defect_create(request: HttpRequest, payload: DefectIn):
    try:
        defect = services.defect_log(
            category=payload.category, description=payload.description,
            source=(Defect.Source.AUDITOR if request.user.groups.filter(name="Auditor").exists()
                    else Defect.Source.STAFF),
            location=_row(Location, payload.location, "location"),
            touchpoint=_row(Touchpoint, payload.touchpoint, "touchpoint"),
            owner=_row(get_user_model(), payload.owner, "owner"), reported_by=request.user,
            due_at=payload.due_at, observed_at=payload.observed_at, language=payload.language)
    except ValidationError as error:
        return field_problem(error)
    return Status(201, defect)


@router.post("/defects/{defect_id}/fix", auth=requires("defects.change_defect"),
             response={200: DefectOut, 422: DefectProblemOut}, summary="Mark a defect fixed")
def defect_fix(request: HttpRequest, defect_id: RowId):
    defect = get_object_or_404(Defect, pk=defect_id)
    authorize(request.user, "defects.change_defect", defect)
    try:
        return Status(200, services.defect_fix(defect, by=request.user))
    except ValidationError as error:
        return field_problem(error)


@router.post("/defects/{defect_id}/verify", auth=requires("defects.verify_defect"),
             response={200: DefectOut, 422: DefectProblemOut},
             summary="Verify a fix, or reopen a defect whose fix did not hold")
def defect_verify(request: HttpRequest, defect_id: RowId, payload: DefectVerifyIn):
    defect = get_object_or_404(Defect, pk=defect_id)
    authorize(request.user, "defects.verify_defect", defect)
    try:
        return Status(200, services.defect_verify(defect, by=request.user, fixed=payload.fixed))
    except ValidationError as error:
        return field_problem(error)


@router.get("/defects/category-suggestion", auth=requires("defects.add_defect"),
            response=CategorySuggestionOut,
            summary="The defect category a complaint's words suggest")
def defect_category_suggestion(request: HttpRequest, text: str,
                               language: Literal["en", "lt", "lv", "ru", "pl"] = "en"):
    category, confidence = defect_category_suggest(text, language)
    return {"category": category, "confidence": confidence}
