from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from kliento.imports.forms import KIND_LABELS, UploadForm
from kliento.imports.kinds import KINDS, template_row
from kliento.imports.models import ImportRun
from kliento.imports.readers import csv_text
from kliento.imports.services import import_upload
from kliento.imports.tasks import import_run_task


@permission_required("imports.add_importrun")
def import_run_list(request):
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


@permission_required("imports.view_importrun")
def import_run_detail(request, pk: int):
    run = get_object_or_404(ImportRun, pk=pk)
    template = "imports/_progress.html" if request.headers.get("HX-Request") else (
        "imports/run.html")
    return render(request, template, {"run": run})


@permission_required("imports.view_importrun")
def import_rejects_download(request, pk: int):
    run = get_object_or_404(ImportRun, pk=pk)
    if not run.rejects_file:
        raise Http404
    return FileResponse(open(run.rejects_file, "rb"), as_attachment=True,
                        filename=f"{run.kind}-refused-rows.csv")


def import_template_download(request, kind: str):
    """Our import template for ``kind``: the columns, and an example row to overwrite."""
    if kind not in KINDS:
        raise Http404
    response = HttpResponse("\ufeff" + csv_text([template_row(KINDS[kind])],
                                                [c.name for c in KINDS[kind].columns]),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kliento-{kind}.csv"'
    return response
