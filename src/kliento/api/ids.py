"""Row ids as API parameters: an id the database could never hold (above a signed 64-bit
integer, or not positive) is refused as invalid input rather than passed to the database."""

from typing import Annotated

from pydantic import Field

RowId = Annotated[int, Field(ge=1, le=2**63 - 1)]
