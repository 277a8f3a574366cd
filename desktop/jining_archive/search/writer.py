"""A Whoosh segment writer that keeps postings in compact arrays and writes them in bulk.

Whoosh's own writer sends every posting through a sorting pool of Python
tuples, which spills to disk as pickles once it passes its memory limit and
then merges the runs back, and hands the sorted postings one by one to the
codec. For the index here, about 200 character grams per block, that pool was
three quarters of the build time. Postings arrive in document order, so each
term's document numbers are already sorted: :class:`ArrayPool` appends them to
an ``array`` per term (4 bytes a posting, 8 with a weight) and
:class:`BulkSegmentWriter` writes each term's postings block by block in
Whoosh's own format (W3 codec), so the files are the ones Whoosh writes and
reads. Callers bound the pool's memory by writing a large build as several
segments (see :data:`jining_archive.search.index.SEGMENT_POSTINGS`).
"""

from __future__ import annotations

from array import array
from typing import Any

from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter


class _Term:
    """The postings of one term: document numbers, and weights and values if any."""

    __slots__ = ("freqs", "ids", "values", "weights")

    def __init__(self) -> None:
        self.ids = array("I")
        self.weights: array[float] | None = None
        self.values: list[bytes] | None = None
        #: For a frequency field: each posting's count (weight = count, value = packed count).
        self.freqs: array[int] | None = None


class ArrayPool:
    """Takes the place of Whoosh's PostingPool: ``add`` gets (field, term bytes,
    docnum, weight, value bytes) in docnum order for each term."""

    def __init__(self) -> None:
        self._fields: dict[str, dict[bytes, _Term]] = {}
        self.postings = 0

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting."""
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        term = terms.get(tbytes)
        if term is None:
            term = terms[tbytes] = _Term()
        self.postings += 1
        if term.freqs is not None:
            # A frequency-field term (see add_frequencies) getting a posting from a
            # merged segment: its weight is its count, its value the packed count.
            term.ids.append(docnum)
            term.freqs.append(int(weight))
            return
        if weight == 1.0 and not vbytes and term.weights is None and term.values is None:
            term.ids.append(docnum)  # the common case: a gram, present once
            return
        count = len(term.ids)
        if term.weights is None and weight != 1.0:
            term.weights = array("f", [1.0]) * count
        if term.weights is not None:
            term.weights.append(weight)
        if vbytes:
            if term.values is None:
                term.values = [b""] * count
            term.values.append(vbytes)
        elif term.values is not None:
            term.values.append(b"")
        term.ids.append(docnum)

    def add_terms(
        self, fieldname: str, docnum: int, items: list[tuple[bytes, int, float, bytes]]
    ) -> None:
        """The postings of one document in one field: (term bytes, freq, weight, value)."""
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        for tbytes, _freq, weight, vbytes in items:
            term = terms.get(tbytes)
            if term is None:
                term = terms[tbytes] = _Term()
            if weight == 1.0 and not vbytes and term.weights is None and term.values is None:
                term.ids.append(docnum)
                self.postings += 1
            else:
                self.add((fieldname, tbytes, docnum, weight, vbytes))

    def add_presence(self, fieldname: str, docnum: int, terms_of_doc: list[bytes]) -> None:
        """Terms present in one document, each with weight 1 and no value."""
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        for tbytes in terms_of_doc:
            term = terms.get(tbytes)
            if term is None:
                term = terms[tbytes] = _Term()
            term.ids.append(docnum)
        self.postings += len(terms_of_doc)

    def add_weighted(self, fieldname: str, docnum: int, counts: dict[bytes, int]) -> None:
        """Terms of one document, each weighted by its count, with no value."""
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        for tbytes, count in counts.items():
            term = terms.get(tbytes)
            if term is None:
                term = terms[tbytes] = _Term()
            if count == 1 and term.weights is None and term.values is None:
                term.ids.append(docnum)  # the common case: a gram, present once
                self.postings += 1
            else:
                self.add((fieldname, tbytes, docnum, float(count), None))

    def add_frequencies(self, fieldname: str, docnum: int, counts: dict[bytes, int]) -> None:
        """Terms of one document in a frequency field, with their counts."""
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        for tbytes, freq in counts.items():
            term = terms.get(tbytes)
            if term is None:
                term = terms[tbytes] = _Term()
                term.freqs = array("I")
            if term.freqs is None:  # a term that began with general postings
                self.add((fieldname, tbytes, docnum, float(freq), pack_uint(freq)))
                continue
            term.ids.append(docnum)
            term.freqs.append(freq)
            self.postings += 1

    def sorted_terms(self) -> list[tuple[tuple[str, bytes], _Term]]:
        """Every term with its postings, in the order Whoosh writes them."""
        return sorted(
            ((fieldname, tbytes), term)
            for fieldname, terms in self._fields.items()
            for tbytes, term in terms.items()
        )

    def cleanup(self) -> None:
        """Drop the postings (the segment has been written or cancelled)."""
        self._fields = {}


class BulkSegmentWriter(SegmentWriter):
    """A SegmentWriter whose postings go through :class:`ArrayPool`.

    Field lengths for block statistics are not recorded (as with the codec's
    ``length_stats`` off); weights, document frequencies and everything a reader
    sees are as Whoosh writes them.
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool.cleanup()  # Whoosh's pool made its temporary folder; nothing is in it
        self.pool: ArrayPool = ArrayPool()
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling():
                raise ValueError(f"field {name!r}: term vectors and spelling are not written")

    def add_document(self, **fields: Any) -> None:
        """Whoosh's ``add_document`` without boosts, term vectors and spelling words
        (the schema has none), giving each field's postings to the pool at once.
        A field with a ``presence_terms(value)`` method gives bare term bytes; one
        with ``weighted_terms(value)`` (see ``GramField``) gives {term bytes: weight};
        one with ``term_counts(value)`` (a Frequency field, see ``WordField``) gives
        {term bytes: count}."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        pool = self.pool
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        for fieldname in fieldnames:
            value = fields[fieldname]
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                presence = getattr(field, "presence_terms", None)
                weighted = getattr(field, "weighted_terms", None)
                frequencies = getattr(field, "term_counts", None)
                if presence is not None:
                    pool.add_presence(fieldname, docnum, presence(value))
                elif weighted is not None:
                    pool.add_weighted(fieldname, docnum, weighted(value))
                elif frequencies is not None:
                    counts = frequencies(value)
                    length = sum(counts.values())
                    pool.add_frequencies(fieldname, docnum, counts)
                else:
                    items = field.index(value)
                    if field.scorable:
                        length = sum(item[1] for item in items)
                    pool.add_terms(fieldname, docnum, items)
            perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        schema = self.schema
        current = None
        for (fieldname, tbytes), term in self.pool.sorted_terms():
            if fieldname != current:
                if current is not None:
                    fieldwriter.finish_field()
                fieldwriter.start_field(fieldname, schema[fieldname])
                current = fieldname
            fieldwriter.start_term(tbytes)
            _write_postings(fieldwriter._postwriter, term)
            fieldwriter.finish_term()
        if current is not None:
            fieldwriter.finish_field()
        fieldwriter.close()
        self.pool.cleanup()

    def _close_segment(self) -> None:
        super()._close_segment()
        self.pool.cleanup()


def _write_postings(postwriter: Any, term: _Term) -> None:
    """Fill the W3 postings writer's block buffer a block at a time; ``finish_term``
    writes the last block. (What ``add_posting`` does per posting, per block.)"""
    limit = postwriter._blocklimit
    ids, weights, values, freqs = term.ids, term.weights, term.values, term.freqs
    count = len(ids)
    for start in range(0, count, limit):
        end = min(count, start + limit)
        postwriter._ids = ids[start:end]
        if freqs is not None:
            block_freqs = freqs[start:end]
            postwriter._weights = array("f", block_freqs)
            postwriter._maxweight = float(max(block_freqs))
        elif weights is None:
            postwriter._weights = array("f", [1.0]) * (end - start)
            postwriter._maxweight = 1.0
        else:
            block = weights[start:end]
            postwriter._weights = block
            postwriter._maxweight = max(block)
        if freqs is not None:
            postwriter._values = [pack_uint(f) for f in freqs[start:end]]
        else:
            postwriter._values = [] if values is None else [v for v in values[start:end] if v]
        postwriter._minlength = None
        postwriter._maxlength = 0
        if end < count:
            postwriter._write_block()
