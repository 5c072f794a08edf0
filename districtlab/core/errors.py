"""The page shown when DistrictLab itself fails (a 500): the site's look, plain words, and never a second failure."""
import logging

from django.http import HttpResponseServerError, JsonResponse
from django.template import loader

logger = logging.getLogger(__name__)

MESSAGE = ("Something went wrong on our side, not yours. Nothing you saved before this was lost. "
           "Go back and try again; if it keeps happening, tell your district admin what you were doing.")

# Used only if even the 500 template cannot be rendered: no template, no database, no settings beyond these.
FALLBACK = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Something went wrong · DistrictLab'
            '</title></head><body style="font-family:system-ui,sans-serif;max-width:38rem;margin:2rem auto;'
            f'padding:0 1rem;color:#1b1f24"><h1>Something went wrong</h1><p>{MESSAGE}</p>'
            '<p><a href="/">Back to your home page</a></p></body></html>')


def server_error(request, template_name="500.html"):
    """``handler500``: the API answers in JSON; pages get ``500.html`` rendered without the request (a broken
    request must not break its error page), or a fixed page if even that fails."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": MESSAGE}, status=500)
    try:
        return HttpResponseServerError(loader.get_template(template_name).render({"message": MESSAGE}))
    except Exception:  # the error page must never fail in turn
        logger.exception("The 500 page could not be rendered; a plain one was sent instead.")
        return HttpResponseServerError(FALLBACK)
