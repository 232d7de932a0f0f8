"""Where children's PDF summaries are kept: private storage, outside the project's folder.

A project names the storage ``STORAGES["vsend_private"]`` (a private cloud
bucket, say); without that, files go to the folder ``VSEND_PRIVATE_ROOT``,
which no URL serves. Downloads go through views that check who may see the
child.

When ``VSEND_PRIVATE_ROOT`` is not set the folder is ``vsend/private`` in the
data folder of the user the site runs as (``$XDG_DATA_HOME``, else
``~/.local/share``, as the XDG base directory specification says). It is never
inside the project: a folder there would be copied into container images,
deployed with the code, or committed by mistake, and children's summaries
with it. Production names its folder explicitly, on a volume that is backed
up with the database (``manage.py check --deploy`` warns until it does).
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

from vsend_plugin.conf import vsend_settings

#: The ``STORAGES`` alias a project may set for private files.
STORAGE_ALIAS = "vsend_private"


def user_data_folder():
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not an absolute path."""
    configured = os.environ.get("XDG_DATA_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".local" / "share"


def default_private_root():
    return user_data_folder() / "vsend" / "private"


def private_root():
    """The folder private files are kept in: ``VSEND_PRIVATE_ROOT``, or the default above."""
    configured = vsend_settings.PRIVATE_ROOT
    return Path(configured) if configured is not None else default_private_root()


def private_storage():
    """Where PDF summaries go: never the public media storage."""
    if STORAGE_ALIAS in settings.STORAGES:
        return storages[STORAGE_ALIAS]
    return FileSystemStorage(location=private_root(), base_url=None)
