from checker.extract.common import *
def document_metadata(doc): return None, None
