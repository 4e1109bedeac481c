"""An audit's output folder: refused when already used, locked against a second audit, filled in a staging folder
beside it (``.NAME.partial``) and moved into place only when complete.

* ``--out DIR`` that holds anything is refused unless ``--overwrite`` is given, and even then only when it holds an
  audit (a ``manifest.json`` with ``sentencecheck_version``): nothing else is ever deleted.
* The staging folder is locked (``flock`` on the folder itself) for the whole run, including the final move: a
  second audit into the same ``--out`` stops at once.  The lock dies with the process, so none is ever stale.
* An unfinished run leaves the staging folder with a manifest marked ``"complete": false``; ``--out`` is untouched.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from pathlib import Path


class FolderError(Exception):
    """The output folder cannot be used (one line, exit 2)."""


def staging_path(out: Path) -> Path:
    out = Path(os.path.abspath(out))
    return out.parent / f".{out.name}.partial"


def out_for_resume(folder: Path) -> Path:
    """``--resume`` accepts the ``--out`` folder or its staging folder."""
    folder = Path(os.path.abspath(folder))
    name = folder.name
    if name.startswith(".") and name.endswith(".partial") and len(name) > len("..partial"):
        return folder.parent / name[1:-len(".partial")]
    return folder


def is_audit(folder: Path) -> bool:
    """A folder holding an audit's outputs: the only kind ``--overwrite`` replaces."""
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "sentencecheck_version" in data


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


class OutputFolder:
    """``out`` and its locked staging folder; :meth:`open` checks, creates and locks."""

    def __init__(self, out: Path) -> None:
        self.out = Path(os.path.abspath(out))
        self.staging = staging_path(self.out)
        self._fd: int | None = None

    @classmethod
    def open(cls, out: Path, *, overwrite: bool = False, resume: bool = False) -> OutputFolder:
        folder = cls(out)
        folder._check_out(overwrite, resume)
        folder._lock(create=not resume)
        try:
            folder._check_staging(overwrite, resume)
        except BaseException:
            folder.release()
            raise
        return folder

    def _check_out(self, overwrite: bool, resume: bool) -> None:
        out = self.out
        if resume:
            if not self.staging.is_dir():
                done = " (it holds a complete audit)" if is_audit(out) else ""
                raise FolderError(f"nothing to resume: no unfinished audit of {out}{done}")
            return
        if out.exists():
            if not out.is_dir():
                raise FolderError(f"{out} is not a folder")
            if not os.access(out, os.W_OK):
                raise FolderError(f"{out}: the output folder is read-only")
            if any(out.iterdir()):
                if not overwrite:
                    raise FolderError(f"{out} is not empty: give a new folder, or --overwrite to replace the audit "
                                      "in it")
                if not is_audit(out):
                    raise FolderError(f"{out} holds files that are not an audit's outputs: not overwriting it, give "
                                      "a new folder")
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FolderError(f"{out}: cannot create the output folder: {_why(exc)}") from None

    def _lock(self, create: bool) -> None:
        for _attempt in range(3):
            try:
                if create:
                    self.staging.mkdir(exist_ok=True)
                fd = os.open(self.staging, os.O_RDONLY | os.O_DIRECTORY)
            except FileNotFoundError:
                if create:
                    continue
                raise FolderError(f"nothing to resume: no unfinished audit of {self.out}") from None
            except OSError as exc:
                raise FolderError(f"{self.out}: cannot create the output folder: {_why(exc)}") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise FolderError(f"{self.out}: another audit is writing this folder (its lock is held on "
                                  f"{self.staging})") from None
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.staging))
            except FileNotFoundError:
                same = False
            if same:
                self._fd = fd
                return
            os.close(fd)  # the folder we locked was moved into place by an audit that just finished: again
        raise FolderError(f"{self.out}: another audit is writing this folder")

    def _check_staging(self, overwrite: bool, resume: bool) -> None:
        if resume or not any(self.staging.iterdir()):
            return
        if not overwrite:
            raise FolderError(f"an unfinished audit left partial outputs in {self.staging}: continue it with "
                              f"`sentencecheck audit --resume {self.out}`, or start again with --overwrite")
        _clear(self.staging)

    def write_text(self, name: str, text: str) -> None:
        """Write a file of the staging folder atomically (a temporary file, synced, renamed over it)."""
        path = self.staging / name
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        if self._fd is not None:
            os.fsync(self._fd)

    def keep_only(self, names: set[str]) -> None:
        """Remove everything else from the staging folder (what an interrupted run left half written)."""
        for entry in self.staging.iterdir():
            if entry.name not in names:
                _remove(entry)

    def commit(self) -> None:
        """Move the finished staging folder into place (replacing an audit there: checked by :meth:`open`)."""
        old = self.out.parent / f".{self.out.name}.old"
        if self.out.exists():
            if any(self.out.iterdir()):
                if old.exists():
                    _remove(old)
                os.rename(self.out, old)
            else:
                os.rmdir(self.out)
        os.rename(self.staging, self.out)
        if old.exists():
            _remove(old)
        self.release()

    def discard(self) -> None:
        """Remove the staging folder (nothing in it worth keeping) and release the lock."""
        shutil.rmtree(self.staging, ignore_errors=True)
        self.release()

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _clear(folder: Path) -> None:
    for entry in folder.iterdir():
        _remove(entry)
