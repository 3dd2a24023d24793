"""Charts drawn once for what they show: a figure's PNG and SVG kept by a digest of the figure.

Drawing is most of a page's time (a chart takes 0,2–0,5 s to lay out and save as PNG and SVG),
and most rebuilds draw the same charts again: a data file that another table of the page comes
from, a narrative revision, an audit correction. :func:`figure_key` digests the figure itself,
before it is drawn: every artist, its data, texts, colours, sizes, transforms and tick
formatters, as the figure pickles, together with everything outside the figure that drawing
reads (the matplotlib settings, the fonts found, the library versions) and a ``salt`` from the
caller (the code that made the figure). :class:`FigureCache` keeps the files by that key.

The digest is a pickle that is hashed, never loaded, with three things made reproducible:
the transforms' back-references (keyed by ``id()``) are left out, as are the figure's pyplot
number (it counts the figures a kernel has made); and a function that pickle cannot name (a
lambda or a local function, as tick formatters are) is written as its code and the values it
closes over. The code of a page module counts only when the figure holds one of its functions or
classes (which could run while it is drawn); otherwise what that code made is in the figure. A
figure that cannot be digested (an object pickle refuses) is drawn as usual and not kept. Nothing depends on the cache being there: without one, or with an unreadable entry, the
figure is drawn.
"""
from __future__ import annotations

import contextlib
import copyreg
import glob
import hashlib
import os
import pickle
import sys
import types
from pathlib import Path
from typing import Optional

from helpers.core import files

#: Kept versions of one chart (by its name): the years of a plan that draw it differently
#: (2025–2029 highlight their own year) and one or two earlier versions.
KEPT_PER_FIGURE = 8


def _code_digest(code: types.CodeType) -> tuple:
    """A function's code as comparable values (no addresses, line numbers or file names)."""
    consts = []
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            consts.append(_code_digest(const))
        elif isinstance(const, frozenset):  # the order of a set of strings depends on the hash seed
            consts.append(("frozenset", tuple(sorted(map(repr, const)))))
        else:
            consts.append(repr(const))
    return code.co_code, code.co_names, code.co_varnames, code.co_freevars, tuple(consts)


def _never_loaded(*_args):  # the callable of a digested function: the pickle is hashed, never loaded
    raise TypeError("a figure digest is not loaded")


_ATOMS = frozenset({int, float, bool, complex, bytes, type(None)})


def _fresh(value):
    """``value`` as new objects all the way down to the objects it holds: whether two equal strings
    or containers are one object or two depends on caches and on what ran before (a table read from
    the build cache or validated anew), and pickle writes a second use of one object as a
    reference."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is str:
        return "s", value.encode("utf-8", "surrogatepass")
    if kind is list:
        return [_fresh(item) for item in value]
    if kind is tuple:
        return tuple([_fresh(item) for item in value])
    if kind is dict:
        return {_fresh(key): _fresh(item) for key, item in value.items()}
    if kind is set or kind is frozenset:
        items = [_fresh(item) for item in value]
        return "set", sorted(items, key=repr) if all(type(i) in _ATOMS or type(i) is tuple for i in items) else items
    return value


class _DigestPickler(pickle.Pickler):
    """A pickler whose output depends only on what the figure shows (see the module docstring)."""

    def __init__(self, file, volatile: tuple[str, ...] = ()) -> None:
        import numpy
        from matplotlib.figure import Figure
        from matplotlib.transforms import TransformNode

        super().__init__(file, protocol=5)
        self._np, self._figure, self._transform = numpy, Figure, TransformNode
        self._by_reference = (type, types.ModuleType, types.BuiltinFunctionType, types.MethodType)
        self.volatile = volatile
        #: True when the figure holds a function or class of a ``volatile`` module (code that may
        #: run when the figure is drawn: a tick formatter, an artist of its own).
        self.uses_volatile = False

    def reducer_override(self, obj):
        if isinstance(obj, (type, types.FunctionType)) and _in_modules(obj, self.volatile):
            self.uses_volatile = True
        np = self._np
        if isinstance(obj, np.ndarray):
            if isinstance(obj, np.ma.MaskedArray):
                return _never_loaded, ("masked", obj.data, np.ma.getmaskarray(obj), _fresh(obj.fill_value))
            if obj.dtype.hasobject:
                return _never_loaded, ("objects", obj.shape, _fresh(obj.tolist()))
            return _never_loaded, ("array", obj.dtype.str.encode(), obj.shape, obj.tobytes())
        if isinstance(obj, np.dtype):
            return _never_loaded, ("dtype", obj.str.encode())
        if isinstance(obj, types.FunctionType):
            if "<" not in obj.__qualname__:  # a module's function: its code is in the caller's salt
                return NotImplemented
            cells = tuple(cell.cell_contents for cell in obj.__closure__ or ())
            return _never_loaded, (obj.__module__, obj.__qualname__, _code_digest(obj.__code__),
                                   _fresh(obj.__defaults__), _fresh(obj.__kwdefaults__), _fresh(cells))
        if isinstance(obj, self._by_reference):
            return NotImplemented
        try:
            reduced = obj.__reduce_ex__(5)
        except Exception:  # noqa: BLE001 - pickle refuses it too: the figure is drawn, not kept
            return NotImplemented
        if type(reduced) is not tuple or len(reduced) < 3 or type(reduced[2]) is not dict:
            return NotImplemented
        state = reduced[2]
        if isinstance(obj, self._transform):
            state = {k: v for k, v in state.items() if k != "_parents"}
        elif isinstance(obj, self._figure):
            state = {k: v for k, v in state.items() if k not in ("number", "_number", "_restore_to_pylab")}
        # The attribute names are the code's own (interned) strings: only the values are made new.
        return (reduced[0], _fresh(reduced[1]), {k: _fresh(v) for k, v in state.items()}, *reduced[3:])


class _HashSink:
    def __init__(self) -> None:
        self.digest = hashlib.sha256()

    def write(self, data) -> None:
        self.digest.update(data)


_FONTS: list = []


def _fonts() -> bytes:
    """The font files matplotlib found (the PNG is drawn with them), read once per process."""
    from matplotlib import font_manager

    fonts = font_manager.fontManager.ttflist
    if not _FONTS or _FONTS[0] != len(fonts):
        _FONTS[:] = [len(fonts), repr(sorted((f.fname, f.name, f.style, f.weight) for f in fonts)).encode()]
    return _FONTS[1]


def drawing_environment() -> bytes:
    """What drawing reads besides the figure: matplotlib's settings, the fonts, the library versions."""
    import matplotlib
    import numpy
    import PIL

    versions = f"python={sys.version.split()[0]} matplotlib={matplotlib.__version__} numpy={numpy.__version__} " \
               f"pillow={PIL.__version__}"
    return versions.encode() + repr(sorted(matplotlib.rcParams.items())).encode() + _fonts()


def _in_modules(obj, prefixes: tuple[str, ...]) -> bool:
    module = getattr(obj, "__module__", None) or ""
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _draw_callbacks_in(fig, prefixes: tuple[str, ...]) -> bool:
    """True when one of the figure canvas's callbacks (a ``draw_event`` handler runs while the
    figure is drawn; pickle leaves them out) is a function of one of the ``prefixes`` modules."""
    registry = getattr(fig, "_canvas_callbacks", None)
    for refs in getattr(registry, "callbacks", {}).values():
        for ref in refs.values():
            function = ref() if callable(ref) else ref
            function = getattr(function, "__func__", function)
            if _in_modules(function, prefixes):
                return True
    return False


def figure_key(fig, salt: bytes = b"", volatile: tuple[tuple[str, ...], bytes] = ((), b"")) -> Optional[str]:
    """The digest of ``fig`` and of what drawing it reads (with ``salt``), or None when the figure
    holds something that cannot be digested (it is then drawn, not kept). ``volatile``: modules
    whose code is not in ``salt`` (a page module, a notebook's ``__main__``) and the digest of that
    code, which counts only when the figure holds a function or class of theirs: the code that made
    a figure is otherwise seen in the figure itself."""
    prefixes, volatile_salt = volatile
    sink = _HashSink()
    import gc

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20_000))  # a figure is a deep tree of artists
    collecting = gc.isenabled()
    gc.disable()  # the digest makes many short-lived objects: no collection in the middle of it
    pickler = _DigestPickler(sink, prefixes)
    try:
        pickler.dump(fig)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        return None
    finally:
        sys.setrecursionlimit(limit)
        if collecting:
            gc.enable()
    uses_volatile = pickler.uses_volatile or _draw_callbacks_in(fig, prefixes)
    key = hashlib.sha256(salt + b"\0" + drawing_environment() + b"\0" + (volatile_salt if uses_volatile else b"-")
                         + b"\0" + sink.digest.digest())
    return key.hexdigest()[:40]


class FigureCache:
    """PNG and SVG files kept in ``folder`` by :func:`figure_key` (with ``salt``), at most
    :data:`KEPT_PER_FIGURE` versions per chart name."""

    def __init__(self, folder: Path, salt: bytes = b"", volatile: tuple[tuple[str, ...], bytes] = ((), b"")) -> None:
        self.folder = Path(folder)
        self.salt = salt
        self.volatile = volatile

    def key(self, fig, extra: str = "") -> Optional[str]:
        return figure_key(fig, self.salt + extra.encode(), self.volatile)

    def _paths(self, name: str, key: str) -> tuple[Path, Path]:
        return self.folder / f"{name}-{key}.png", self.folder / f"{name}-{key}.svg"

    def get(self, name: str, key: str) -> Optional[tuple[bytes, bytes]]:
        """The kept PNG and SVG bytes, or None."""
        png, svg = self._paths(name, key)
        try:
            found = png.read_bytes(), svg.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):  # recently used: kept when older versions are removed
            os.utime(svg)
        return found

    def put(self, name: str, key: str, png: bytes, svg: bytes) -> None:
        """Keep the two files (atomically; the oldest versions of the chart beyond the limit removed).
        The cache is only a shortcut: a read-only or full disk keeps nothing."""
        png_path, svg_path = self._paths(name, key)
        with contextlib.suppress(OSError):
            files.write_bytes(png_path, png)
            files.write_bytes(svg_path, svg)  # last: an entry is used only when its SVG is there
            versions = sorted((p for p in self.folder.glob(f"{glob.escape(name)}-*.svg")
                               if len(p.stem) == len(name) + 41),  # not another chart whose name goes on
                              key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for old in versions[KEPT_PER_FIGURE:]:
                old.unlink(missing_ok=True)
                old.with_suffix(".png").unlink(missing_ok=True)
