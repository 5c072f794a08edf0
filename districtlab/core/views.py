"""Generic, permission-checked views shared by every app, and the role-aware home page."""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import generic

from .changes import changes_after, changes_since, history_url
from .history import REVISION, StaleRevision, carry_revision, is_tracked
from .people import ordered_for
from .permissions import CHANGE, CREATE, DELETE, actor_for, can, misplaced, scope

EDIT_PAGES: dict = {}  # model → its edit form, for every model with edit pages (``crud_urls``)


class ActorMixin(LoginRequiredMixin):
    """Every DistrictLab page needs a signed-in person and knows them as an ``actor``."""

    @cached_property
    def actor(self):
        return actor_for(self.request.user)


class ScopedQuerysetMixin(ActorMixin):
    """Only rows the actor may see exist for this view; anything else is a 404. Lists of people come in an
    order that tells the actor nothing they cannot see (``core.people.ordered_for``)."""

    def base_queryset(self):
        return self.model._default_manager.all()

    def get_queryset(self):
        return ordered_for(self.actor, scope(self.actor, self.base_queryset()))


class ScopedListView(ScopedQuerysetMixin, generic.ListView):
    """A list with filters (a django-filter FilterSet) and pagination."""

    paginate_by = 25
    filterset_class = None

    def get_queryset(self):
        qs = super().get_queryset()
        if self.filterset_class is None:
            return qs
        self.filterset = self.filterset_class(self.request.GET or None, queryset=qs, actor=self.actor)
        return self.filterset.qs if self.filterset.is_bound and self.filterset.is_valid() else qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["filterset"] = getattr(self, "filterset", None)
        ctx["can_create"] = can(self.actor, CREATE, self.model)
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["querystring"] = query.urlencode()
        return ctx


class ScopedDetailView(ScopedQuerysetMixin, generic.DetailView):
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_change"] = can(self.actor, CHANGE, self.object)
        ctx["can_delete"] = can(self.actor, DELETE, self.object)
        ctx["history_url"] = history_url(self.object)
        return ctx


def read_revision(form_or_post, name=REVISION):
    """The revision a page was read at, from its form's hidden field (None when the page sent none)."""
    value = form_or_post.cleaned_data.get(name) if hasattr(form_or_post, "cleaned_data") else form_or_post.get(name)
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def kept_as_typed(form, name, latest):
    """What ``form`` was sent, its hidden ``name`` (the revision read, or the change seen) now ``latest``: what was
    typed is kept, and saving it again replaces the changes made meanwhile, knowingly."""
    data = form.data.copy()
    data[form.add_prefix(name)] = latest
    return data


def conflict_context(actor, record, read) -> dict:
    """What a page shows when ``record`` was saved by someone after the writer read revision ``read``
    (``core/_conflict.html``): who changed what meanwhile."""
    return {"conflicted": True, "conflict": changes_since(actor, record, read),
            "verbose_name": record._meta.verbose_name}


def changed_meanwhile(actor, stale, what, kept="", again="") -> dict:
    """What a page shows when records it would replace changed after it showed them (``ChangedMeanwhile``):
    ``what`` they are ("attendance"), what of the writer's is ``kept`` and what doing it ``again`` does."""
    return {"conflicted": True, "conflict": changes_after(actor, stale), "verbose_name": what, "show_record": True,
            "kept": kept, "again": again}


class FormActorMixin:
    """Hands the actor to the form so its choices are limited to what the actor may use."""

    template_name = "core/object_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["actor"] = self.actor
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        meta = self.model._meta
        obj = getattr(self, "object", None)
        ctx["verbose_name"] = meta.verbose_name
        ctx["cancel_url"] = self.request.GET.get("next") if url_has_allowed_host_and_scheme(
            self.request.GET.get("next"), allowed_hosts={self.request.get_host()}) else (
            obj.get_absolute_url() if obj else reverse("home"))
        if obj:
            ctx["can_delete"] = can(self.actor, DELETE, obj)
            ctx["delete_url"] = reverse(f"{meta.app_label}:{meta.model_name}-delete", args=[obj.pk])
            ctx["history_url"] = history_url(obj)
        return ctx

    def get_form(self, form_class=None):
        """An edit page's form carries the revision the record was read at, so a save based on an older one is
        refused rather than overwriting what was saved meanwhile."""
        return carry_revision(super().get_form(form_class), getattr(self, "object", None))

    def form_invalid(self, form):
        """Re-show the form with every typed value and the errors beside their fields (400)."""
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        action = CREATE if form.instance.pk is None else CHANGE
        if problems := misplaced(self.actor, form.instance):  # said beside the field that puts it out of reach
            for name, message in problems.items():
                form.add_error(name if name in form.fields else None, message)
            return self.form_invalid(form)
        if not can(self.actor, action, form.instance):
            form.add_error(None, "You can only save records within your own school, network or district role.")
            return self.form_invalid(form)
        read = read_revision(form) if action == CHANGE else None
        try:
            with transaction.atomic():
                if read is not None:
                    form.instance.expect_revision(read)  # refused, in the UPDATE itself, if saved since
                response = super().form_valid(form)
        except StaleRevision:
            return self.conflict(form, read)
        messages.success(self.request, f"Saved {form.instance._meta.verbose_name} “{form.instance}”.")
        return response

    def conflict(self, form, read):
        """Someone saved the record after this page was read: show who changed what meanwhile, keep everything
        typed, and let a second Save (now based on the latest revision) replace their changes knowingly (409)."""
        self.object = current = type(form.instance)._default_manager.get(pk=form.instance.pk)
        data = kept_as_typed(form, REVISION, current.revision)
        form = self.get_form()
        form.data = data
        ctx = self.get_context_data(form=form, **conflict_context(self.actor, current, read))
        return self.render_to_response(ctx, status=409)


class PolicyCreateView(ActorMixin, FormActorMixin, generic.CreateView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can(self.actor, CREATE, self.model):
            raise PermissionDenied("You cannot add this kind of record.")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        """Fields can be pre-filled from the query string (e.g. ``?school=3`` from a school page)."""
        initial = super().get_initial()
        for name in self.get_form_class().base_fields:
            if name in self.request.GET:
                initial[name] = self.request.GET[name]
        return initial


class PolicyObjectMixin(ScopedQuerysetMixin):
    """Fetch a visible object (404 otherwise) and require ``action`` on it (403 otherwise)."""

    action = CHANGE

    def get_object(self, queryset=None):
        obj = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if not can(self.actor, self.action, obj):
            raise PermissionDenied(f"You cannot {self.action} this record.")
        return obj


class PolicyUpdateView(PolicyObjectMixin, FormActorMixin, generic.UpdateView):
    pass


class PolicyDeleteView(PolicyObjectMixin, generic.DeleteView):
    """Asks first; refuses with a clear message when other records still depend on this one."""

    action = DELETE
    template_name = "core/confirm_delete.html"
    success_url = reverse_lazy("home")

    def get_success_url(self):
        """Top-level records go back to their list; a part of something goes back to its whole."""
        return str(self.success_url) if self.success_url else self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if is_tracked(type(self.object)):
            ctx["revision"] = self.object.revision
        return ctx

    def form_valid(self, form):
        label = f"{self.object._meta.verbose_name} “{self.object}”"
        read = read_revision(self.request.POST)
        if read is not None and is_tracked(type(self.object)):
            with transaction.atomic():  # the record, locked, must still be as the page showed it
                current = type(self.object)._base_manager.select_for_update().filter(pk=self.object.pk).values_list(
                    REVISION, flat=True).first()
                if current == read:
                    return self._delete(form, label)
            ctx = self.get_context_data(conflicted=True, conflict=changes_since(self.actor, self.object, read))
            return self.render_to_response(ctx, status=409)
        return self._delete(form, label)

    def _delete(self, form, label):
        try:
            response = super().form_valid(form)
        except (ProtectedError, RestrictedError) as exc:
            blocking = getattr(exc, "protected_objects", None) or exc.restricted_objects
            names = ", ".join(sorted({str(o) for o in blocking})[:5])
            messages.error(self.request, f"Cannot delete {label}: still used by {names}.")
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(self.request, f"Deleted {label}.")
        return response


class AuthoredCreateView(PolicyCreateView):
    """A new authored record is the signed-in person's own, and starts as a private draft."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.actor.person:
            kwargs["instance"] = self.model(author=self.actor.person)
        return kwargs


class PublishView(PolicyObjectMixin, generic.FormView):
    """Share a record more widely: up the ladder, recorded, never down. Only whoever may change it shares it."""

    model = None
    action = CHANGE
    template_name = "core/publish.html"
    along = ()  # related names of parts shared along with the record where lower (e.g. a problem's goals)

    def get_form_class(self):
        from .forms import PublishForm

        return PublishForm

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()  # fetched (and checked) once, before the form or the page needs it
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "record": self.object, "actor": self.actor}

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)

    def form_valid(self, form):
        from .publishing import publish_along

        read = read_revision(form)
        try:
            if read is not None:  # sharing what the sharer saw, not what someone changed since
                self.object.expect_revision(read)
            publish_along(self.actor, self.object, form.cleaned_data["visibility"], form.cleaned_data["where"],
                          self.along)
        except StaleRevision:
            self.object = current = self.get_object()
            form = self.get_form_class()(**{**self.get_form_kwargs(),
                                             "data": kept_as_typed(form, REVISION, current.revision)})
            return render(self.request, self.template_name, self.get_context_data(
                form=form, **conflict_context(self.actor, current, read)), status=409)
        except ValidationError as exc:
            for error in exc.message_dict.get("visibility", exc.messages):
                form.add_error("visibility", error)
            return self.form_invalid(form)
        messages.success(self.request, f"Shared “{self.object}” with {self.object.get_visibility_display().lower()}.")
        return redirect(self.object)

    def form_invalid(self, form):
        return render(self.request, self.template_name, self.get_context_data(form=form), status=400)


def crud_urls(prefix: str, model, form, *, create_view=PolicyCreateView, deleted_to: str | None = None):
    """Create, edit and delete pages for one model, all checked by the permission layer."""
    name = model._meta.model_name
    EDIT_PAGES[model] = form
    if not hasattr(model, "get_absolute_url"):  # saving, cancelling and deleting a part all return to its page
        raise TypeError(f"{model.__name__} needs get_absolute_url() to have edit pages.")
    delete = PolicyDeleteView.as_view(model=model, success_url=reverse_lazy(deleted_to) if deleted_to else None)
    return [
        path(f"{prefix}/new/", create_view.as_view(model=model, form_class=form), name=f"{name}-create"),
        path(f"{prefix}/<int:pk>/edit/", PolicyUpdateView.as_view(model=model, form_class=form), name=f"{name}-edit"),
        path(f"{prefix}/<int:pk>/delete/", delete, name=f"{name}-delete"),
    ]
