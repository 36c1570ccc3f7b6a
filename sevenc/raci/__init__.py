"""The responsibility matrix (RACI) of a client's virtual IT department: the pure core. No Django here.

- `catalogue`: the shipped responsibility-area catalogue (`load_catalogue()`), versioned like 7C.
- `parties`: the standard parties with stable codes (`standard_parties()`).
- `templates`: "fully managed", "co-managed", "internal IT with MSP backup" (`apply_template(...)`).
- `matrix`: `Party`, `Area`, `Matrix` and the letters of a cell (`normalise_letters`).
- `validation`: the five rules and each party's load (`validate(matrix, spof=5)`).
- `matrix_file`: the `sevenc-raci` v1 JSON file (`parse_matrix_file`, `write_matrix_file`).
- `csv_layout`: the matrix as CSV (`matrix_csv`, `parse_matrix_csv`, `apply_csv`).
"""
