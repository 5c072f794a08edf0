from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "districtlab.research"
    label = "research"
    verbose_name = "Research: documents, codebooks, coding and agreement"
