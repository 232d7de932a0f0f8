"""Take back a child's record from council staff who got it by accepting a family invitation.

Before only parent carers could accept invitations, a practitioner or
officer of any council could accept one and keep the object permission to
view the child. Staff keep the permission only where they are assigned to
the child as its practitioner.
"""

from django.db import migrations


def revoke_staff_family_access(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    UserObjectPermission = apps.get_model("guardian", "UserObjectPermission")
    CouncilGroup = apps.get_model("vsend_core", "CouncilGroup")
    Practitioner = apps.get_model("vsend_core", "Practitioner")
    Child = apps.get_model("vsend_assessments", "Child")

    content_type = ContentType.objects.filter(app_label="vsend_assessments", model="child").first()
    if content_type is None:
        return
    staff = set(CouncilGroup.objects.values_list("group__user", flat=True))
    staff |= set(Practitioner.objects.values_list("user", flat=True))
    granted = UserObjectPermission.objects.filter(
        content_type=content_type, permission__codename="view_child"
    ).select_related("user")
    assigned = set(Child.practitioners.through.objects.values_list("child_id", "user_id"))
    for permission in granted:
        user = permission.user
        if not (user.pk in staff or user.is_staff or user.is_superuser):
            continue
        if (int(permission.object_pk), user.pk) not in assigned:
            permission.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("vsend_assessments", "0003_access_log_lists"),
        ("vsend_core", "0001_initial"),
        ("guardian", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(revoke_staff_family_access, migrations.RunPython.noop)]
