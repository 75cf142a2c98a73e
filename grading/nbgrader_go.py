"""nbgrader preprocessors adapted to Go notebooks, used by nbgrader_config.py.

OverwriteCellsGo is nbgrader's OverwriteCells with a working way of putting back
a grade cell that a submission deleted (OverwriteCells.add_missing_cells):

- nbgrader 0.9.6 looks for the cell before the deleted one among the grade and
  solution cells only, and fails with a KeyError when that cell is a locked
  cell, as in these labs (a locked cell runs the learner's code before each
  check). Here any cell of the source notebook that is still in the submission
  serves, the closest one before the deleted cell, so the cell goes back where
  it was.
- nbgrader prefixes the cell with a Python comment ("# This cell ..."), which
  Go does not compile. Here the note is a Go comment at the end of the cell, so
  the check runs as it would have, and scores what the answer earns.

Both stay ours until nbgrader changes: add_missing_grade_cells came with
https://github.com/jupyter/nbgrader/pull/1770 (the fix of
https://github.com/jupyter/nbgrader/issues/1682), and nbgrader's main branch as of
June 2026 (commit 207a8e5) still has that version and still writes the note as
"# ..."; 0.9.6 is the newest release on PyPI. No upstream issue reports the
KeyError yet: one to file, with a notebook whose grade cell follows a locked cell.
"""

from nbformat import from_dict
from nbgrader.preprocessors import OverwriteCells


class OverwriteCellsGo(OverwriteCells):
    def missing_cell_transform(self, source_cell, max_score, is_solution=False, is_task=False):
        cell = super().missing_cell_transform(source_cell, max_score, is_solution=is_solution, is_task=is_task)
        cell = from_dict(cell)
        if cell.cell_type == "code":
            note = self.missing_cell_notification.format(cell_id=source_cell.name).strip()
            cell.source = source_cell.source.rstrip("\n") + "\n// " + note.replace("\n", "\n// ")
        return cell

    def add_missing_grade_cells(self, nb, resources):
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        source_ids = [cell.name for cell in source_nb.source_cells]
        source_cells = {cell.name: cell for cell in source_nb.source_cells}
        solution_ids = {cell.name for cell in source_nb.solution_cells}

        def present():
            return {
                cell["metadata"]["nbgrader"]["grade_id"]: i
                for i, cell in enumerate(nb.cells)
                if "grade_id" in cell.get("metadata", {}).get("nbgrader", {})
            }

        for grade_cell in source_nb.grade_cells:
            where = present()
            if grade_cell.name in where:
                continue
            self.log.warning(f"Missing grade cell {grade_cell.name} encountered, adding to notebook")
            cell = self.missing_cell_transform(source_cells[grade_cell.name], grade_cell.max_score,
                                               is_solution=grade_cell.name in solution_ids)
            at = 0
            for prev in reversed(source_ids[: source_ids.index(grade_cell.name)]):
                if prev in where:
                    at = where[prev] + 1
                    break
            nb.cells.insert(at, from_dict(cell))
        return nb, resources

