from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kliento.access.decorators import page_requires
from kliento.imports.forms import KIND_LABELS, EncodingChoiceForm, UploadForm, too_large_message
from kliento.imports.kinds import KINDS, template_row
from kliento.imports.models import ImportRun
from kliento.imports.readers import csv_text
from kliento.imports.services import import_run_again, import_upload
from kliento.imports.tasks import import_run_task

# What a request holds besides the file: the other fields and the multipart boundaries.
FORM_OVERHEAD_BYTES = 64 * 1024


@page_requires("imports.add_importrun")
def import_run_list(request):
    if request.method == "POST" and (
            _content_length(request) > settings.KLIENTO_UPLOAD_MAX_BYTES + FORM_OVERHEAD_BYTES):
        # Refused before Django reads the body into a temporary file; a file just over the
        # limit is refused by the form.
        return render(request, "imports/imports.html", {
            "form": UploadForm(), "refusal": too_large_message(_content_length(request)),
            "runs": ImportRun.objects.select_related("created_by")[:20],
            "kinds": [(name, KIND_LABELS[name]) for name in KINDS]}, status=413)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        encoding = form.cleaned_data["encoding"]
        run = import_upload(kind=form.cleaned_data["kind"], preset=form.cleaned_data["preset"],
                            upload=form.cleaned_data["file"], created_by=request.user,
                            encoding=encoding)
        import_run_task.enqueue(run.pk, encoding or None, None)
        return redirect("imports:run", run.pk)
    return render(request, "imports/imports.html", {
        "form": form, "runs": ImportRun.objects.select_related("created_by")[:20],
        "kinds": [(name, KIND_LABELS[name]) for name in KINDS]})


@page_requires("imports.view_importrun")
def import_run_detail(request, pk: int):
    run = get_object_or_404(ImportRun, pk=pk)
    template = "imports/_progress.html" if request.headers.get("HX-Request") else (
        "imports/run.html")
    choice = EncodingChoiceForm(candidates=run.encoding_candidates) if (
        run.encoding_candidates) else None
    return render(request, template, {"run": run, "encoding_choice": choice})


@require_POST
@page_requires("imports.add_importrun")
def import_run_again_with_encoding(request, pk: int):
    """The file of a run whose code page was unclear, imported again in the one chosen."""
    run = get_object_or_404(ImportRun, pk=pk)
    form = EncodingChoiceForm(request.POST, candidates=run.encoding_candidates)
    if not form.is_valid():
        return render(request, "imports/run.html", {"run": run, "encoding_choice": form},
                      status=400)
    again = import_run_again(run, encoding=form.cleaned_data["encoding"],
                             created_by=request.user)
    import_run_task.enqueue(again.pk, again.encoding, None)
    return redirect("imports:run", again.pk)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@page_requires("imports.view_importrun")
def import_rejects_download(request, pk: int):
    run = get_object_or_404(ImportRun, pk=pk)
    if not run.rejects_file:
        raise Http404
    return FileResponse(open(run.rejects_file, "rb"), as_attachment=True,
                        filename=f"{run.kind}-refused-rows.csv")


@page_requires("imports.add_importrun")
def import_template_download(request, kind: str):
    """Our import template for ``kind``: the columns, and an example row to overwrite."""
    if kind not in KINDS:
        raise Http404
    response = HttpResponse("\ufeff" + csv_text([template_row(KINDS[kind])],
                                                [c.name for c in KINDS[kind].columns]),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kliento-{kind}.csv"'
    return response
