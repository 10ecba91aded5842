"""Warehouse filesystem work (managed databases', tables' and partitions' directories) via pyarrow.fs.

Locations are URIs as Hive writes them (`file:/path`, `s3a://bucket/key`, `hdfs://nn/path`, ...).
Hadoop's scheme aliases (`s3a`, `s3n`) map onto pyarrow's `s3`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pyarrow.fs as pafs

from catalog.errors import StorageError

log = logging.getLogger(__name__)

_SCHEME_ALIASES = {"s3a": "s3", "s3n": "s3"}
_LOCAL = pafs.LocalFileSystem()
# Filesystem calls release the GIL; a few threads hide object-store and HDFS latency.
_POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="warehouse")
_FS_CACHE: dict[str, pafs.FileSystem] = {}
_MKDIR_THREADS = 4


def normalize_location(uri: str) -> str:
    """Qualify a bare path as `file:/path` and drop a trailing slash, as Hadoop's Path does."""
    uri = uri.strip()
    if "://" not in uri and not uri.startswith("file:"):
        uri = "file:" + os.path.abspath(uri)
    if uri.startswith("file://") and not uri.startswith("file:///"):
        pass  # file://host/path: leave as given
    elif uri.startswith("file:///"):
        uri = "file:/" + uri[len("file:///") :]
    if len(uri) > 1 and uri.endswith("/") and not uri.endswith(":/"):
        uri = uri.rstrip("/")
    return uri


def child(parent: str, name: str) -> str:
    return parent.rstrip("/") + "/" + name


class Warehouse:
    """Creates, moves and deletes directories under a warehouse root."""

    def __init__(self, root: str):
        self.root = normalize_location(root)

    def database_location(self, db_name: str) -> str:
        return self.root if db_name == "default" else child(self.root, f"{db_name}.db")

    @staticmethod
    def _fs(uri: str) -> tuple[pafs.FileSystem, str]:
        """The filesystem and the raw path for a location. Paths are passed to pyarrow unparsed, so
        partition directories with spaces, '%' or non-ASCII characters work as in Hadoop."""
        parts = urlsplit(uri)
        scheme = parts.scheme.lower()
        if scheme in ("", "file"):
            return _LOCAL, parts.path if scheme else uri
        scheme = _SCHEME_ALIASES.get(scheme, scheme)
        base = f"{scheme}://{parts.netloc}/"
        fs = _FS_CACHE.get(base)
        if fs is None:
            try:
                fs = pafs.FileSystem.from_uri(base)[0]
            except Exception as e:  # pyarrow raises ArrowInvalid / OSError with a reason
                raise StorageError(f"cannot access location '{uri}': {e}") from e
            _FS_CACHE[base] = fs
        path = parts.path
        if scheme in ("s3", "gs", "gcs", "abfs", "abfss"):
            path = parts.netloc + path  # object stores: bucket/key
        return fs, path

    def mkdirs(self, uri: str) -> bool:
        """Create the directory if missing; return True if it was created."""
        fs, path = self._fs(uri)
        try:
            if fs.get_file_info(path).type != pafs.FileType.NotFound:
                return False
            fs.create_dir(path, recursive=True)
            return True
        except OSError as e:
            raise StorageError(f"cannot create directory '{uri}': {e}") from e

    def quick_stats(self, uri: str) -> tuple[int, int] | None:
        """Hive's "fast stats" of a directory: (number of files, total bytes), recursively, skipping
        hidden entries (names starting with '.' or '_'); None if the directory does not exist."""
        try:
            fs, path = self._fs(uri)
            if fs.get_file_info(path).type != pafs.FileType.Directory:
                return None
            infos = fs.get_file_info(pafs.FileSelector(path, recursive=True))
        except (OSError, StorageError) as e:
            log.warning("could not list %s for statistics: %s", uri, e)
            return None
        base = path.rstrip("/") + "/"
        n = size = 0
        for info in infos:
            rel = info.path[len(base) :] if info.path.startswith(base) else info.base_name
            if info.type != pafs.FileType.File or any(p[:1] in (".", "_") for p in rel.split("/")):
                continue
            n += 1
            size += info.size or 0
        return n, size

    def exists(self, uri: str) -> bool:
        fs, path = self._fs(uri)
        return fs.get_file_info(path).type != pafs.FileType.NotFound

    def delete(self, uri: str) -> None:
        """Delete a directory tree; a missing directory is not an error. Failures are logged, not
        raised: the metadata change has been committed and must not be reported as failed."""
        try:
            fs, path = self._fs(uri)
            info = fs.get_file_info(path)
            if info.type == pafs.FileType.Directory:
                fs.delete_dir(path)
            elif info.type == pafs.FileType.File:
                fs.delete_file(path)
        except Exception as e:  # noqa: BLE001 - see docstring
            log.warning("could not delete data at %s: %s", uri, e)

    def delete_if_empty(self, uri: str) -> bool:
        """Delete a directory only if it holds nothing (Hive's non-recursive deleteDir): a
        catalog's root may hold data of tables that were external to it. Failures are logged."""
        try:
            fs, path = self._fs(uri)
            if fs.get_file_info(path).type != pafs.FileType.Directory:
                return False
            if fs.get_file_info(pafs.FileSelector(path, recursive=False)):
                log.info("not deleting %s: it is not empty", uri)
                return False
            fs.delete_dir(path)
            return True
        except Exception as e:  # noqa: BLE001 - the metadata change is committed
            log.warning("could not delete %s: %s", uri, e)
            return False

    def delete_many(self, uris: list[str]) -> None:
        """Delete several trees, in parallel (object stores and HDFS are latency-bound); nested
        locations are deleted once, with their ancestor."""
        todo = sorted(set(uris))
        pruned: list[str] = []
        for u in todo:
            if pruned and u.startswith(pruned[-1].rstrip("/") + "/"):
                continue
            pruned.append(u)
        if len(pruned) <= 2:
            for u in pruned:
                self.delete(u)
            return
        list(_POOL.map(self.delete, pruned))

    def mkdirs_many(self, uris: list[str]) -> list[str]:
        """Create several directories (in parallel on remote filesystems: they are latency-bound);
        return those that were created."""
        made_here: list[str] = []
        remote: list[str] = []
        for u in uris:
            if u.startswith("file:/") and not u.startswith("file://") and "?" not in u and "#" not in u:
                fs, path = _LOCAL, u[5:]  # what _fs answers, without parsing the URI
            else:
                fs, path = self._fs(u)
            if fs is _LOCAL:
                if _local_mkdirs(u, path):
                    made_here.append(u)
            else:
                remote.append(u)
        made = (
            list(_POOL.map(lambda u: (u, self.mkdirs(u)), remote))
            if len(remote) > 2
            else [(u, self.mkdirs(u)) for u in remote]
        )
        return made_here + [u for u, m in made if m]

    def mkdirs_many_later(self, uris: list[str], made: list[str], threshold: int = 64) -> Callable[[], None]:
        """Start `mkdirs_many` in background threads for many directories (the syscalls release the
        GIL, so they overlap the caller's database work); the returned function waits for them,
        appends the directories created to `made` (also those of the threads that succeeded when
        another failed) and then raises what failed. Few directories are made when it is called."""
        if len(uris) < threshold:
            return lambda: made.extend(self.mkdirs_many(uris))
        # a few threads: a local mkdir waits on the filesystem's journal and locks as much as it
        # computes; siblings stay in one slice (their parent is made once)
        todo = sorted(uris)
        step = -(-len(todo) // _MKDIR_THREADS)
        futures = [_POOL.submit(self.mkdirs_many, todo[i : i + step]) for i in range(0, len(todo), step)]

        def wait() -> None:
            error: BaseException | None = None
            for f in futures:  # every slice, also after one failed
                try:
                    made.extend(f.result())
                except BaseException as e:  # noqa: BLE001 - raised below, once all are done
                    error = error or e
            if error is not None:
                raise error

        return wait

    def move(self, src: str, dst: str) -> bool:
        """Move a directory; return False if the source does not exist."""
        fs, spath = self._fs(src)
        fs2, dpath = self._fs(dst)
        if type(fs) is not type(fs2):
            raise StorageError(f"cannot move '{src}' to '{dst}': different filesystems")
        try:
            if fs.get_file_info(spath).type == pafs.FileType.NotFound:
                return False
            if fs.get_file_info(dpath).type != pafs.FileType.NotFound:
                raise StorageError(f"cannot move '{src}' to '{dst}': the destination exists")
            parent = dpath.rsplit("/", 1)[0]
            if parent:
                fs.create_dir(parent, recursive=True)
            fs.move(spath, dpath)
            return True
        except OSError as e:
            raise StorageError(f"cannot move '{src}' to '{dst}': {e}") from e


def _local_mkdirs(uri: str, path: str) -> bool:
    """A local directory, created in this thread (a few microseconds: a thread pool would cost more
    than the work); True if it was created."""
    try:
        os.mkdir(path)
        return True
    except FileExistsError:
        return False
    except FileNotFoundError:
        try:
            os.makedirs(path, exist_ok=False)
            return True
        except FileExistsError:
            return False
        except OSError as e:
            raise StorageError(f"cannot create directory '{uri}': {e}") from e
    except OSError as e:
        raise StorageError(f"cannot create directory '{uri}': {e}") from e
