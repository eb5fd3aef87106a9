"""The bad-input corpus (issue 3, "Done when"): hostile and mistaken files, one case each.

To add a case, write a generator in one of this package's modules (or a new module here:
every module is collected) and decorate it with `@case`, naming the findings it must yield:

    @case("negative_count", Expect("out_of_range", "city/school_stage_year.csv", row=2,
                                   column="enrolment", value="-5"))
    def negative_count(folder: Path) -> Path:
        return city_folder(folder, school_stage_year=replaced(STAGE_ROWS, 1, "enrolment", "-5"))

`tests/ingest/corpus/test_corpus.py` reads each case, checks that the codes found are exactly
the codes expected and that each expected finding names its place in Chinese and English,
then imports it into a fresh SQLite store: refused and nothing stored when it has errors,
stored whole when it has none.
"""
