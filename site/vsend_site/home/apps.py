from django.apps import AppConfig


class HomeAppConfig(AppConfig):
    name = "vsend_site.home"
    label = "home"
    default_auto_field = "django.db.models.BigAutoField"
