"""The shapes of the records API, for the OpenAPI schema; the JSON Schema file is the full one."""

from rest_framework import serializers

from vsend_plugin.core.api import ClosedInputSerializer


class RecordSerializer(ClosedInputSerializer):
    format = serializers.CharField(help_text='"vsend-record/1"')
    exported_at = serializers.DateTimeField()
    council = serializers.DictField()
    child = serializers.DictField()
    assessments = serializers.ListField(child=serializers.DictField())
    plan = serializers.DictField(help_text="The support plan as vsend-support/1 carries it.")
    moderation = serializers.ListField(child=serializers.DictField())
    access_log = serializers.ListField(child=serializers.DictField())


class ImportedSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The new child's id.")
    case_reference = serializers.CharField()
    council = serializers.CharField(help_text="The receiving council's slug.")
