"""One workbook merged from one-sheet workbooks, so that each table's sheet is written once.

A year's workbook (``tabel-<tahun>.xlsx``) holds some 65 sheets, and the pages that 2025–2029
share hold most of them. XlsxWriter numbers cell formats, shared strings and comment drawings
across the whole workbook, so a sheet it wrote for one workbook cannot be copied into another as
it is. Each table is therefore written by XlsxWriter as a one-sheet workbook of its own (kept in
the build cache for the table's inputs, see :func:`helpers.run.appendix.write_workbook_of`), and
:func:`merge_workbooks` joins them: it renumbers the cell formats (``s="…"``), the shared strings
(``<v>…</v>`` of ``t="s"`` cells), the comments and their VML shapes, and the defined names (the
autofilter and print titles of each sheet), and writes the workbook's own parts (sheet list,
relations, content types, document properties) for the sheets it holds. Only the parts
XlsxWriter writes for the features :func:`helpers.present.xlsx.fill_sheet` uses are understood;
anything else (images, external links, conditional formats) stops with a clear error rather than
a workbook Excel would repair.
"""
from __future__ import annotations

import io
import re
import zipfile

SHEET = "xl/worksheets/sheet1.xml"
SHEET_RELS = "xl/worksheets/_rels/sheet1.xml.rels"
COMMENTS = "xl/comments1.xml"
VML = "xl/drawings/vmlDrawing1.vml"
KNOWN = {"[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/workbook.xml",
         "xl/_rels/workbook.xml.rels", SHEET, "xl/theme/theme1.xml", "xl/styles.xml", "xl/sharedStrings.xml",
         SHEET_RELS, COMMENTS, VML}
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


class MergeError(ValueError):
    """A one-sheet workbook holds a part this merger does not renumber."""


def members_of(xlsx: bytes) -> dict[str, bytes]:
    """The members of an XLSX file, by name."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        return {name: book.read(name) for name in book.namelist()}


def _section(xml: bytes, tag: bytes) -> bytes:
    found = re.search(rb"<%s(?: [^>]*)?>(.*?)</%s>" % (tag, tag), xml, re.S)
    return found.group(1) if found else b""


def _items(xml: bytes, tag: bytes) -> list[bytes]:
    """The ``<tag …/>`` and ``<tag …>…</tag>`` elements of ``xml`` (not nested in one another)."""
    return re.findall(rb"<%s(?:\s[^>]*)?(?:/>|(?<!/)>.*?</%s>)" % (tag, tag), xml, re.S)


class _Pool:
    """Distinct XML items in order of first use: item -> index."""

    def __init__(self):
        self.items: list[bytes] = []
        self.index: dict[bytes, int] = {}

    def add(self, item: bytes) -> int:
        if item not in self.index:
            self.index[item] = len(self.items)
            self.items.append(item)
        return self.index[item]

    def xml(self, tag: bytes, extra: bytes = b"") -> bytes:
        return b'<%s count="%d"%s>%s</%s>' % (tag, len(self.items), extra, b"".join(self.items), tag)


def _attr(xml: bytes, name: bytes) -> bytes:
    found = re.search(rb' %s="([^"]*)"' % name, xml)
    return found.group(1) if found else b""


def _set_ids(xf: bytes, maps: dict[bytes, dict[int, int]]) -> bytes:
    def renumber(match):
        return b' %s="%d"' % (match.group(1), maps[match.group(1)][int(match.group(2))])

    return re.sub(rb" (numFmtId|fontId|fillId|borderId|xfId)=\"(\d+)\"", renumber, xf)


class _Styles:
    """The merged ``styles.xml``: each part's formats mapped into one set."""

    def __init__(self, first: bytes):
        self.head = first[:min(i for i in (first.find(b"<numFmts"), first.find(b"<fonts")) if i >= 0)]
        self.tail = first[first.index(b"<dxfs"):]
        self.fonts_extra = re.search(rb"<fonts count=\"\d+\"([^>]*)>", first).group(1)
        self.codes: dict[bytes, int] = {}
        self.fonts, self.fills, self.borders, self.style_xfs, self.xfs = (_Pool() for _ in range(5))
        self.cell_styles: dict[bytes, bytes] = {}

    def add(self, styles: bytes, where: str) -> dict[int, int]:
        """Map one part's formats in; returns its cell-format renumbering (old ``s`` -> new)."""
        if _attr(re.search(rb"<dxfs[^>]*>", styles).group(0), b"count") != b"0":
            raise MergeError(f"{where}: styles.xml memuat format bersyarat (dxfs), yang tidak dapat digabung")
        maps: dict[bytes, dict[int, int]] = {b"numFmtId": {}, b"fontId": {}, b"fillId": {}, b"borderId": {}}
        for ident, code in re.findall(rb'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/>', styles):
            maps[b"numFmtId"][int(ident)] = self.codes.setdefault(code, 164 + len(self.codes))
        numbers = maps[b"numFmtId"]
        maps[b"numFmtId"] = _Identity(numbers)
        for key, pool, tag in ((b"fontId", self.fonts, b"font"), (b"fillId", self.fills, b"fill"),
                               (b"borderId", self.borders, b"border")):
            plural = tag + b"s"
            for old, item in enumerate(_items(_section(styles, plural), tag)):
                maps[key][old] = pool.add(item)
        maps[b"xfId"] = {old: self.style_xfs.add(_set_ids(xf, maps))
                         for old, xf in enumerate(_items(_section(styles, b"cellStyleXfs"), b"xf"))}
        for style in re.findall(rb"<cellStyle [^>]*/>", styles):
            renumbered = _set_ids(style, {b"xfId": maps[b"xfId"]})
            self.cell_styles.setdefault(_attr(style, b"name"), renumbered)
        return {old: self.xfs.add(_set_ids(xf, maps))
                for old, xf in enumerate(_items(_section(styles, b"cellXfs"), b"xf"))}

    def xml(self) -> bytes:
        numbers = b"".join(b'<numFmt numFmtId="%d" formatCode="%s"/>' % (ident, code)
                           for code, ident in self.codes.items())
        return (self.head + (b'<numFmts count="%d">%s</numFmts>' % (len(self.codes), numbers) if self.codes else b"")
                + self.fonts.xml(b"fonts", self.fonts_extra) + self.fills.xml(b"fills")
                + self.borders.xml(b"borders") + self.style_xfs.xml(b"cellStyleXfs") + self.xfs.xml(b"cellXfs")
                + b'<cellStyles count="%d">%s</cellStyles>' % (len(self.cell_styles), b"".join(self.cell_styles.values()))
                + self.tail)


class _Identity(dict):
    """Built-in number formats (below 164) keep their id; custom ones are renumbered."""

    def __missing__(self, key: int) -> int:
        if key >= 164:
            raise MergeError(f"format angka {key} tidak terdaftar di styles.xml")
        return key


def _sheet_name(workbook: bytes, where: str) -> bytes:
    sheets = re.findall(rb"<sheet name=\"([^\"]*)\"", workbook)
    if len(sheets) != 1:
        raise MergeError(f"{where}: diharapkan satu lembar, ditemukan {len(sheets)}")
    return sheets[0]


def merge_workbooks(books: list[dict[str, bytes]]) -> list[tuple[str, bytes]]:
    """One workbook's members from one-sheet workbooks' members (:func:`members_of`), in order:
    the first book's sheet is the first (selected) sheet and gives the workbook's own parts
    (theme, core properties, workbook settings)."""
    if not books:
        raise MergeError("tidak ada lembar untuk digabung")
    first = books[0]
    styles = _Styles(first["xl/styles.xml"])
    strings = _Pool()
    count = 0
    sheets: list[bytes] = []
    sheet_members: list[tuple[str, bytes]] = []
    comment_parts: list[tuple[str, bytes]] = []
    names: list[tuple[bytes, int, bytes]] = []  # (defined name element, sheet index, sort key)
    ranges: list[bytes] = []
    vml_block = 0
    for k, book in enumerate(books):
        where = f"lembar {k + 1}"
        unknown = sorted(set(book) - KNOWN)
        if unknown:
            raise MergeError(f"{where}: bagian yang tidak dapat digabung: {', '.join(unknown)}")
        name = _sheet_name(book["xl/workbook.xml"], where)
        sheets.append(name)
        xf_map = styles.add(book["xl/styles.xml"], where)
        sst = book.get("xl/sharedStrings.xml", b"")
        string_map = [strings.add(si) for si in _items(sst, b"si")]
        count += int(_attr(sst, b"count") or 0)
        xml = book[SHEET]
        xml = re.sub(rb'(<(?:c|row) [^>]*? s=")(\d+)(")',
                     lambda m: m.group(1) + str(xf_map[int(m.group(2))]).encode() + m.group(3), xml)
        xml = re.sub(rb'(<col [^>]*? style=")(\d+)(")',
                     lambda m: m.group(1) + str(xf_map[int(m.group(2))]).encode() + m.group(3), xml)
        xml = re.sub(rb'(<c [^>]*t="s"[^>]*><v>)(\d+)(</v>)',
                     lambda m: m.group(1) + str(string_map[int(m.group(2))]).encode() + m.group(3), xml)
        if k:
            xml = xml.replace(b' tabSelected="1"', b"", 1)
        sheet_members.append((f"xl/worksheets/sheet{k + 1}.xml", xml))
        if SHEET_RELS in book:
            rels = book[SHEET_RELS]
            targets = set(re.findall(rb'Target="([^"]*)"', rels))
            if not targets <= {b"../comments1.xml", b"../drawings/vmlDrawing1.vml"}:
                raise MergeError(f"{where}: relasi lembar yang tidak dapat digabung: {sorted(targets)}")
            j = len(comment_parts) // 2 + 1
            rels = rels.replace(b"../comments1.xml", b"../comments%d.xml" % j)
            rels = rels.replace(b"../drawings/vmlDrawing1.vml", b"../drawings/vmlDrawing%d.vml" % j)
            sheet_members.append((f"xl/worksheets/_rels/sheet{k + 1}.xml.rels", rels))
            vml = book[VML]
            blocks = [int(b) for b in re.search(rb'<o:idmap v:ext="edit" data="([\d,]+)"', vml).group(1).split(b",")]
            shift = vml_block
            vml = re.sub(rb'(<o:idmap v:ext="edit" data=")([\d,]+)(")',
                         lambda m: m.group(1) + b",".join(str(b + shift).encode() for b in blocks) + m.group(3), vml)
            vml = re.sub(rb"_x0000_s(\d+)", lambda m: b"_x0000_s%d" % (int(m.group(1)) + 1024 * shift), vml)
            vml_block += len(blocks)
            comment_parts += [(f"xl/drawings/vmlDrawing{j}.vml", vml), (f"xl/comments{j}.xml", book[COMMENTS])]
        for element in re.findall(rb"<definedName [^>]*>.*?</definedName>", book["xl/workbook.xml"], re.S):
            defined = _attr(element, b"name")
            names.append((re.sub(rb' localSheetId="0"', b' localSheetId="%d"' % k, element), k,
                          defined.replace(b"_xlnm.", b"").lower() + b"::" + name.lstrip(b"'").lower()))
        titles = re.findall(rb"<vt:lpstr>(.*?)</vt:lpstr>", _section(book["docProps/app.xml"], b"TitlesOfParts"), re.S)
        ranges += titles[1:]
    names.sort(key=lambda n: n[2])
    return _package(first, sheets, sheet_members, comment_parts, styles.xml(),
                    _sst(strings, count), [n[0] for n in names], ranges)


def _sst(strings: _Pool, count: int) -> bytes:
    return (XML_HEAD + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
            b'uniqueCount="%d">%s</sst>' % (count, len(strings.items), b"".join(strings.items)))


def _package(first, sheets, sheet_members, comment_parts, styles, sst, names, ranges) -> list[tuple[str, bytes]]:
    n = len(sheets)
    workbook = first["xl/workbook.xml"]
    listed = b"".join(b'<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (name, k, k)
                      for k, name in enumerate(sheets, start=1))
    workbook = re.sub(rb"<sheets>.*?</sheets>", lambda _: b"<sheets>" + listed + b"</sheets>", workbook, flags=re.S)
    workbook = re.sub(rb"<definedNames>.*?</definedNames>", b"", workbook, flags=re.S)
    if names:
        workbook = workbook.replace(b"</sheets>", b"</sheets><definedNames>" + b"".join(names) + b"</definedNames>", 1)
    relation = '<Relationship Id="rId{}" Type="' + NS_REL + '/{}" Target="{}"/>'
    rels = [relation.format(k, "worksheet", f"worksheets/sheet{k}.xml") for k in range(1, n + 1)]
    rels += [relation.format(n + 1, "theme", "theme/theme1.xml"), relation.format(n + 2, "styles", "styles.xml"),
             relation.format(n + 3, "sharedStrings", "sharedStrings.xml")]
    workbook_rels = (XML_HEAD + f'<Relationships xmlns="{NS_PKG}">'.encode() + "".join(rels).encode()
                     + b"</Relationships>")
    types = first["[Content_Types].xml"]
    types = re.sub(rb'<Override PartName="/xl/(?:worksheets/sheet\d+|comments\d+|sharedStrings)\.xml"[^>]*/>', b"", types)
    types = re.sub(rb'<Default Extension="vml"[^>]*/>', b"", types)
    spreadsheet = b"application/vnd.openxmlformats-officedocument.spreadsheetml."
    added = [b'<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="%sworksheet+xml"/>' % (k, spreadsheet)
             for k in range(1, n + 1)]
    added += [b'<Override PartName="/%s" ContentType="%scomments+xml"/>' % (name.encode(), spreadsheet)
              for name, _ in comment_parts if name.startswith("xl/comments")]
    added.append(b'<Override PartName="/xl/sharedStrings.xml" ContentType="%ssharedStrings+xml"/>' % spreadsheet)
    if comment_parts:
        types = types.replace(b'<Default Extension="xml"', b'<Default Extension="vml" ContentType='
                              b'"application/vnd.openxmlformats-officedocument.vmlDrawing"/><Default Extension="xml"', 1)
    types = types.replace(b"</Types>", b"".join(added) + b"</Types>")
    pairs = b"<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>%d</vt:i4></vt:variant>" % n
    if ranges:
        pairs += (b"<vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>%d</vt:i4>"
                  b"</vt:variant>" % len(ranges))
    titles = b"".join(b"<vt:lpstr>%s</vt:lpstr>" % t for t in sheets + ranges)
    app = re.sub(rb"<HeadingPairs>.*?</TitlesOfParts>",
                 lambda _: (b'<HeadingPairs><vt:vector size="%d" baseType="variant">%s</vt:vector></HeadingPairs>'
                            b'<TitlesOfParts><vt:vector size="%d" baseType="lpstr">%s</vt:vector></TitlesOfParts>'
                            % (4 if ranges else 2, pairs, n + len(ranges), titles)),
                 first["docProps/app.xml"], flags=re.S)
    members = [("[Content_Types].xml", types), ("_rels/.rels", first["_rels/.rels"]), ("docProps/app.xml", app),
               ("docProps/core.xml", first["docProps/core.xml"]), ("xl/workbook.xml", workbook),
               ("xl/_rels/workbook.xml.rels", workbook_rels)]
    members += [m for m in sheet_members if "_rels" not in m[0]]
    members += [("xl/theme/theme1.xml", first["xl/theme/theme1.xml"]), ("xl/styles.xml", styles),
                ("xl/sharedStrings.xml", sst)]
    members += comment_parts + [m for m in sheet_members if "_rels" in m[0]]
    return members
