"""Names the dead-code check (vulture) cannot see being used; each with the reason it is alive.

Qt calls the overridden virtual methods (event handlers, item-model and layout methods,
delegate and spin-box hooks) by name from C++; RDKit reads the drawing options it is given.
"""

# Qt virtual methods, called by Qt
_.mouseMoveEvent, _.mouseReleaseEvent, _.closeEvent, _.eventFilter, _.watched  # QObject/QWidget events
_.headerData  # QAbstractItemModel
_.itemAt, _.takeAt, _.expandingDirections, _.hasHeightForWidth  # QLayout
_.createEditor, _.setEditorData, _.setModelData  # QStyledItemDelegate
_.textFromValue, _.valueFromText  # QDoubleSpinBox
_.mergeWith  # QUndoCommand: consecutive slider moves merge into one undo step

# RDKit MolDrawOptions, read by the drawer
_.annotationFontScale, _.prepareMolsBeforeDrawing, _.clearBackground, _.fixedBondLength

# data fields kept for the files that carry them
_.cas  # reagent database: the CAS number a chemist looks a reagent up by

# pytest hooks and fixtures, found by name
_.pytest_collection_modifyitems, _._no_network, _.pytestmark, _.config, _.restore_factors, _._cyanation

# The gate runs vulture over the source only (tests do not count as callers). These are read by the
# tests and benchmarks on purpose: fields of a result record the tests check against a hand
# calculation, hooks the tests and the hostile benchmark drive, and the registry's plug-in API.
_.solved_for, _.base_to_free_mmol, _.solvent_volume_ml, _.density_source  # result and data fields
_.all_answer_paths, _.accepted_spellings  # what the fuzz tests enumerate
_.scale_plan_components, _.boc_yield_ceiling  # closed forms the tests check apart from the table
_.installed, _.wait_installed, _.as_pint  # the unit registry: its background load, awaited by tests; pint Quantities for checks
_.register, _.unregister  # a reaction type registered at run time (a test's, a lab's plug-in)
_.ALERT_IDS  # the contract's warning ids, pinned by a test
_.hover_atom, _.populate_panels, _.store_snapshot, _.busy  # GUI hooks tests and bench_hostile drive
_.minimumSizeHint  # Qt virtual (QLayout, QWidget)
# protobuf fields of the ORD record, set by attribute (read by ord-schema and whoever reads the file)
_.addition_order, _.is_limiting, _.procedure_details, _.safety_notes, _.offgasses, _.conditions_are_dynamic
_.target_ph, _.keep_phase, _.is_desired_product
_.temperature_c, _.is_estimate  # the pKa table's record fields (resources/data/pka.toml), checked by its tests
_.background_fit  # MainWindow keeps its BackgroundFit alive (it works through its signal connections; tests ask it)
# Alembic reads a migration module's names (revision identifiers, upgrade/downgrade)
_.down_revision, _.branch_labels, _.depends_on, _.downgrade
_.audit  # LabServer.audit: the audit trail as the tests (and a lab administrator's script) read it
