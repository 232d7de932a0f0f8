"""What each council role may do, and setting a new council's groups up.

Creating a council creates one Django group per role and grants it exactly
what the role needs, on that council's own page subtree and image/document
collection only. Nobody gets a permission "for all councils" from a role.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail import hooks
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from .models import Council, CouncilGroup, Role

#: How a role's group is named, after the council's name.
GROUP_NAMES = {
    Role.EDITOR: "content editors",
    Role.OFFICER: "SEND officers",
    Role.PRACTITIONER: "practitioners",
}

#: Wagtail page permissions (codenames on ``wagtailcore.page``) on the council's subtree.
PAGE_PERMISSIONS = {
    Role.EDITOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    Role.OFFICER: ["add_page", "change_page"],
    Role.PRACTITIONER: [],
}

#: Model permissions ("app_label.codename"); objects are still limited to the
#: council by :mod:`vsend_plugin.core.permissions`.
MODEL_PERMISSIONS = {
    Role.EDITOR: [
        "wagtailadmin.access_admin",
        "vsend_core.view_council",
        "vsend_core.add_locality",
        "vsend_core.change_locality",
        "vsend_core.delete_locality",
        "vsend_core.view_locality",
        "vsend_core.add_setting",
        "vsend_core.change_setting",
        "vsend_core.delete_setting",
        "vsend_core.view_setting",
    ],
    Role.OFFICER: [
        "wagtailadmin.access_admin",
        "vsend_core.view_council",
        "vsend_core.add_locality",
        "vsend_core.change_locality",
        "vsend_core.view_locality",
        "vsend_core.add_setting",
        "vsend_core.change_setting",
        "vsend_core.view_setting",
    ],
    Role.PRACTITIONER: [
        "vsend_core.view_locality",
        "vsend_core.view_setting",
    ],
}

#: Image and document permissions on the council's own collection.
COLLECTION_PERMISSIONS = {
    Role.EDITOR: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    Role.OFFICER: ["wagtailimages.choose_image", "wagtaildocs.choose_document"],
    Role.PRACTITIONER: [],
}


def model_permissions(role):
    """The role's model permissions: core's own plus those other vsend apps register.

    An app adds to a role with the Wagtail hook ``register_vsend_role_permissions``,
    returning a mapping of :class:`Role` to ``"app_label.codename"`` names.
    """
    names = list(MODEL_PERMISSIONS[role])
    for contribute in hooks.get_hooks("register_vsend_role_permissions"):
        names += [name for name in contribute().get(role, ()) if name not in names]
    return names


def _permissions(names):
    permissions = []
    for name in names:
        app_label, codename = name.split(".")
        permissions.append(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return permissions


def council_collection(council):
    """The council's own collection of images and documents, made on first use."""
    if council.collection_id:
        return council.collection
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=council.name).first()
    collection = collection or root.add_child(name=council.name)
    Council.objects.filter(pk=council.pk).update(collection=collection)
    council.collection = collection
    return collection


@transaction.atomic
def set_up_council_groups(council: Council):
    """Create (or repair) the council's groups and their permissions. Idempotent."""
    collection = council_collection(council)
    root_page = council.site.root_page
    for role in Role:
        group_name = f"{council.name} {GROUP_NAMES[role]}"
        council_group = CouncilGroup.objects.filter(council=council, role=role).first()
        if council_group is None:
            group, _ = Group.objects.get_or_create(name=group_name)
            council_group = CouncilGroup.objects.create(council=council, role=role, group=group)
        group = council_group.group
        if group.name != group_name:
            group.name = group_name
            group.save(update_fields=["name"])

        group.permissions.set(_permissions(model_permissions(role)))

        page_permissions = _permissions(f"wagtailcore.{c}" for c in PAGE_PERMISSIONS[role])
        GroupPagePermission.objects.filter(group=group).exclude(
            page=root_page, permission__in=page_permissions
        ).delete()
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission
            )

        collection_permissions = _permissions(COLLECTION_PERMISSIONS[role])
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=collection, permission__in=collection_permissions
        ).delete()
        for permission in collection_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
