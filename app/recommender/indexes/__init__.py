"""What makes a recommendation cost what one profile needs rather than what the catalog holds:
lookups built once per snapshot (catalog_index), the exams bookable per date (dated_pool), one
request's view of them (exam_pool), and the courses preparing for each exam (preparing). The
rules read them; they decide nothing the rules would not."""
