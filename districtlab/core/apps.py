from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "districtlab.core"
    label = "core"
    verbose_name = "DistrictLab core: roles, visibility and the permission layer"
