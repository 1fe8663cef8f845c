"""The API's one pagination: ninja's limit/offset with both ends bounded (ninja leaves the
offset unbounded, and an offset past a 64-bit integer is a server error in the database)."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000, description="Items per page (at most 1,000).")
        offset: int = Field(0, ge=0, le=100_000_000, description="Items to skip.")
