from django.apps import AppConfig


class DemoAppConfig(AppConfig):
    name = "vsend_site.demo"
    label = "vsend_demo"
    verbose_name = "vsend demo data"
