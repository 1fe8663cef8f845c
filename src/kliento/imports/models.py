from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """One import of one file: what came in, what was kept, and why rows were refused."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        STORING = "storing", _("Storing the checked rows")
        DONE = "done", _("Done")
        DONE_WITH_REJECTS = "rejects", _("Done, some rows refused")
        FAILED = "failed", _("File could not be read")

    kind = models.CharField(_("what"), max_length=30)
    preset = models.CharField(_("column preset"), max_length=30, default="kliento")
    file_name = models.CharField(_("file"), max_length=255)
    stored_file = models.CharField(_("stored file"), max_length=500, blank=True)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    lines_total = models.PositiveIntegerField(_("lines in the file"), null=True, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    last_line = models.PositiveIntegerField(_("last line read"), default=0)
    imported = models.PositiveIntegerField(_("imported"), default=0)
    already_there = models.PositiveIntegerField(_("already imported"), default=0)
    rejected = models.PositiveIntegerField(_("refused"), default=0)
    # The first problems, for the page; every refused row is in the rejects file.
    problems = models.JSONField(_("problems"), default=list, blank=True)
    rejects_file = models.CharField(_("refused rows file"), max_length=500, blank=True)
    failure = models.TextField(_("why the file could not be read"), blank=True)
    # [encoding, a word as it reads in it] for each code page that read the file plausibly.
    encoding_candidates = models.JSONField(_("possible encodings"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.kind} ← {self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.DONE_WITH_REJECTS,
                               self.Status.FAILED}

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        if not self.lines_total:
            return 0
        return min(99, round(100 * self.last_line / self.lines_total))


class ColumnMapping(models.Model):
    """A saved mapping from another tool's column names to Kliento's, used like a preset."""

    name = models.SlugField(_("name"), max_length=50, unique=True)
    kind = models.CharField(_("what"), max_length=30)
    columns = models.JSONField(_("their column → ours"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")

    def __str__(self) -> str:
        return self.name
