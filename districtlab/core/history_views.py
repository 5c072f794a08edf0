"""History pages: a record's changes, newest first, and central office's search of the district's history."""
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import generic

from districtlab.org.filters import SIGNED_IN

from .changes import (changes_of, describe_rows, district_entries, each_change, label_of, model_named,
                      searches_history, sees_entry, tracked_models)
from .choosers import PeopleField
from .permissions import build_actor, scope
from .views import ActorMixin

PAGE = 50


class RecordHistory(ActorMixin, generic.View):
    """``/history/<app.model>/<pk>/``: every change to one record that the viewer may see, newest first."""

    def get(self, request, label, pk):
        model = model_named(label)
        if model is None:
            raise Http404("No such kind of record.")
        record = scope(self.actor, model._default_manager.all()).filter(pk=pk).first()
        if record is None:  # deleted: its history stays with whoever could see it last
            last = model.history.filter(id=pk).order_by("-history_date", "-history_id").first()
            if last is None or last.history_type != "-" or not sees_entry(self.actor, last):
                raise Http404("No such record.")
        changes = changes_of(self.actor, model, pk)
        page = Paginator(changes, PAGE).get_page(request.GET.get("page"))
        return render(request, "core/history.html", {
            "record": label_of(self.actor, record if record is not None else last.instance), "deleted": record is None,
            "record_type": model._meta.verbose_name, "page_obj": page, "paginator": page.paginator,
            "back_url": getattr(record, "get_absolute_url", lambda: None)(),
        })


class HistorySearch(forms.Form):
    person = PeopleField(SIGNED_IN, label="Changed by", error_messages={
        "invalid_choice": "No one who signs in is called that."})
    kind = forms.ChoiceField(required=False, label="Record type")
    since = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        person.actor, person.queryset = actor, scope(actor, SIGNED_IN.queryset)
        person.widget.attrs["placeholder"] = "Anyone"
        self.fields["kind"].choices = [("", "Any")] + sorted(
            ((m._meta.label_lower, str(m._meta.verbose_name).capitalize()) for m in tracked_models()),
            key=lambda c: c[1])

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", "The end comes before the start.")
        return data

    def entries(self, actor):
        data = self.cleaned_data
        people = data.get("person")
        return district_entries(actor, users=None if people is None else people.values("user"),
                                model=model_named(data["kind"]) if data.get("kind") else None,
                                since=data.get("since"), until=data.get("until"))


EXPORT_COLUMNS = ["when", "who", "how", "record_type", "record", "change", "field", "before", "after"]


def export_rows(actor, entries):
    """The export's rows (one per field changed), the entries read a batch at a time as the rows are written."""
    for change in each_change(actor, entries, every_field=True):
        when = timezone.localtime(change.when).isoformat(timespec="seconds")
        common = [when, change.who, change.how, change.record_type, change.record, change.kind]
        yield from [common + [f.label, f.before, f.after] for f in change.fields] or [common + ["", "", ""]]


class DistrictHistory(ActorMixin, generic.View):
    """``/history/``: the district's changes, newest first, by person, record type and dates; ``export.csv``
    with the same query downloads every change found (one row per field), prepared in the background when it
    holds more than ``DISTRICTLAB_EXPORT_BACKGROUND_ROWS`` changes."""

    export = False

    def get(self, request):
        if not searches_history(self.actor):
            raise PermissionDenied("Only central office searches the district's history.")
        form = HistorySearch(request.GET or None, actor=self.actor)
        if form.is_bound and not form.is_valid():
            return render(request, "core/history_search.html", {"form": form}, status=400)
        if not form.is_bound:
            form = HistorySearch({}, actor=self.actor)
            form.is_valid()
        entries = form.entries(self.actor)
        query = request.GET.copy()
        query.pop("page", None)
        if self.export:
            return self.download(entries, query.urlencode())
        page = Paginator(entries, PAGE).get_page(request.GET.get("page"))
        return render(request, "core/history_search.html", {
            "form": form, "searched": True, "page_obj": page, "paginator": page.paginator,
            "changes": describe_rows(self.actor, page.object_list), "querystring": query.urlencode()})

    def download(self, entries, query):
        from districtlab.jobs.tasks import start
        from districtlab.org.transfer import file_name, spreadsheet_response

        total = len(entries) if isinstance(entries, list) else entries.count()
        if total > settings.DISTRICTLAB_EXPORT_BACKGROUND_ROWS:
            return redirect(start(history_export, "Preparing the history export", owner=self.request.user,
                                  params={"query": query, "fmt": "csv", "filename": file_name("history", "csv")}))
        return spreadsheet_response(EXPORT_COLUMNS, export_rows(self.actor, entries), "csv", "history")


def history_export(job) -> str:
    """Prepare a large history export in the background, as its requester may search the history now."""
    from districtlab.jobs.tasks import Refused, progress
    from districtlab.org.transfer import save_table

    actor = build_actor(job.owner)
    if not actor.authenticated or not searches_history(actor):
        raise Refused("the account that asked for it no longer searches the district's history")
    form = HistorySearch(QueryDict(job.params["query"]), actor=actor)
    if not form.is_valid():
        raise Refused("its filters no longer match what you may see")
    progress(job, "reading the changes")
    return save_table(job, EXPORT_COLUMNS, export_rows(actor, form.entries(actor)))
