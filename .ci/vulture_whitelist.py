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
