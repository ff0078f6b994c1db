"""What a file is, told by its first bytes, without importing its reader: the formats read
from their own structure (`native.py`: Word, ODF, PDF) and the old Office ones LibreOffice
converts (`office.py`). A text document is loaded without either reader (nor lxml) imported.
"""

NATIVE_FORMATS = ("docx", "odt", "pdf")
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
NATIVE_MAGICS = (ZIP_MAGIC, PDF_MAGIC)
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 (and other old Office files)
RTF_MAGIC = b"{\\rtf"
OFFICE_MAGICS = (OLE2_MAGIC, RTF_MAGIC)
