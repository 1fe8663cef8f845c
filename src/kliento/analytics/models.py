"""Rollups: the KPI statistics of finished weeks and months, kept so that pages do not scan
the fact tables again and again (Zulip's analytics do the same with a FillState ledger)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KpiRollup(models.Model):
    """The sufficient statistics (:class:`kliento.analytics.metrics.KpiStats`) of one
    finished bucket and group, the duration percentiles as mergeable histograms. ``group`` is
    the breakdown's key as text, "" for no breakdown."""

    grain = models.CharField(_("grain"), max_length=10)
    breakdown = models.CharField(_("breakdown"), max_length=20)
    bucket = models.DateField(_("bucket start"))
    group = models.CharField(_("group"), max_length=64, blank=True)

    interactions = models.IntegerField(default=0)
    answered = models.IntegerField(default=0)
    within_target = models.IntegerField(default=0)
    resolved = models.IntegerField(default=0)
    repeats = models.IntegerField(default=0)
    first_contact_resolved = models.IntegerField(default=0)
    # Log histograms (kliento.measure.sketches.LogHistogram.as_dict): percentiles of any
    # span of buckets come from merging them, within the histograms' relative error.
    first_response_sketch = models.JSONField(null=True)
    resolution_sketch = models.JSONField(null=True)
    responses = models.IntegerField(default=0)
    promoters = models.IntegerField(default=0)
    passives = models.IntegerField(default=0)
    detractors = models.IntegerField(default=0)
    csat_n = models.IntegerField(default=0)
    csat_satisfied = models.IntegerField(default=0)
    ces_n = models.IntegerField(default=0)
    ces_sum = models.FloatField(default=0)
    ces_sum_sq = models.FloatField(default=0)
    kv_n = models.IntegerField(default=0)
    kv_sum = models.FloatField(default=0)
    kv_sum_sq = models.FloatField(default=0)
    grade_n = models.IntegerField(default=0)
    grade_sum = models.FloatField(default=0)
    grade_sum_sq = models.FloatField(default=0)
    promises_due = models.IntegerField(default=0)
    promises_kept = models.IntegerField(default=0)
    complaints = models.IntegerField(default=0)
    complaints_after_broken_promise = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("KPI rollup")
        verbose_name_plural = _("KPI rollups")
        constraints = [
            models.UniqueConstraint(fields=["grain", "breakdown", "bucket", "group"],
                                    name="kpi_rollup_unique_bucket_group"),
        ]

    def __str__(self) -> str:
        return f"{self.grain} {self.bucket} {self.breakdown}={self.group or '—'}"


class RollupFillState(models.Model):
    """How far the rollups of one grain and breakdown are filled: every bucket starting on
    or before ``filled_through`` is final and stored."""

    grain = models.CharField(_("grain"), max_length=10)
    breakdown = models.CharField(_("breakdown"), max_length=20)
    filled_through = models.DateField(_("filled through"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("rollup fill state")
        verbose_name_plural = _("rollup fill states")
        constraints = [
            models.UniqueConstraint(fields=["grain", "breakdown"], name="rollup_fill_state_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.grain}/{self.breakdown} → {self.filled_through or '—'}"


class RollupFillPart(models.Model):
    """One piece of a fill: the buckets of one grain and breakdown from ``first`` to ``last``
    (bucket starts, both included). A fill spread over job workers is planned as parts, one
    per month of buckets, each filled by whichever worker takes it; ``filled_through``
    advances over a part only once it and every part before it are done, so a page never reads
    a bucket that is not stored. A part is filled once: its row is locked while its buckets
    are replaced, and ``done_at`` is checked under that lock."""

    grain = models.CharField(_("grain"), max_length=10)
    breakdown = models.CharField(_("breakdown"), max_length=20)
    first = models.DateField(_("first bucket"))
    last = models.DateField(_("last bucket"))
    # Sent to the workers (a part whose message was lost is sent again after the lease).
    enqueued_at = models.DateTimeField(_("enqueued at"), null=True, blank=True)
    # Taken by a worker, which has the lease to fill it; a worker that died loses it.
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claimed_by = models.CharField(_("claimed by"), max_length=200, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    filled_by = models.CharField(_("filled by"), max_length=200, blank=True)
    rows = models.IntegerField(_("rows written"), default=0)
    seconds = models.FloatField(_("seconds"), default=0)

    class Meta:
        verbose_name = _("rollup fill part")
        verbose_name_plural = _("rollup fill parts")
        constraints = [
            models.UniqueConstraint(fields=["grain", "breakdown", "first"],
                                    name="rollup_fill_part_unique_first"),
        ]

    def __str__(self) -> str:
        return f"{self.grain}/{self.breakdown} {self.first}…{self.last}"


class MonthlyReportMailing(models.Model):
    """The owner's monthly report of ``month`` (its first day) went out: one row per month, so
    the job that sends it on the first working day sends it once however often it runs."""

    month = models.DateField(_("month"), unique=True)
    sent_at = models.DateTimeField(_("sent at"))
    recipients = models.JSONField(_("recipients"), default=list)
    language = models.CharField(_("language"), max_length=5)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("monthly report mailing")
        verbose_name_plural = _("monthly report mailings")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class SharedPart(models.Model):
    """A figure of settled days worked out from raw rows once and shared by every process
    (:func:`kliento.analytics.finished.kept` with ``shared``): the worker prepares the
    pages' parts after a fill, so the first request of each web process reads them instead
    of scanning a year of answers. The key names the fill state, so a fill or a forget makes
    new keys; old rows are pruned by the worker. A change to the figures' stored form forgets
    the rollups in a migration (as 0002–0004 do), which makes new keys here too."""

    key = models.CharField(max_length=255, primary_key=True)
    # Pickled, as Django's database cache stores its values: written and read only by
    # Kliento's own processes.
    value = models.BinaryField()
    stored_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("shared part of a figure")
        verbose_name_plural = _("shared parts of figures")

    def __str__(self) -> str:
        return self.key
