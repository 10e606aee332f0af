"""What leaves the app besides the PDF: the reaction as RXN and reaction SMILES, the table as CSV, HTML and TSV.

Every format is built from the one derivation (`document.derivation`), so a file says what the
window and `show` say; every write goes through `io.safe_write`.
"""
