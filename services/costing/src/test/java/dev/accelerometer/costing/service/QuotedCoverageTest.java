package dev.accelerometer.costing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.accelerometer.costing.api.Validation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A regime's band coverage judges each of its hold-out cases against the band an answer in that regime would have quoted
 * without the case (ErrorBands.forRegime): the regime's own 90th percentile from five other cases, the category's below that
 * (or the regime's other cases' largest error where larger), the category's largest other error for a regime's only case.
 */
class QuotedCoverageTest {
    static Validation.Case error(String id, double percent) {
        return new Validation.Case(id, "decode", "", "gpu", 100, 100 + percent, "tokens/s", percent, false, "");
    }

    static List<Validation.Case> errors(String prefix, double... percents) {
        List<Validation.Case> list = new ArrayList<>();
        for (int i = 0; i < percents.length; i++) {
            list.add(error(prefix + i, percents[i]));
        }
        return list;
    }

    @Test
    void aSmallRegimeIsJudgedAgainstTheCategorysBand() {
        // Elsewhere in the category: ten cases within 10 %, so its 90th percentile is about 10 %. The regime's two cases (5 % and
        // 40 %) each see only one other regime case: the category's band is what their answers quote, and 40 % falls outside.
        List<Validation.Case> regime = errors("r", 5, 40);
        List<Validation.Case> category = new ArrayList<>(errors("c", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        category.addAll(regime);
        assertEquals(0.5, ErrorBands.quotedCoverage(regime, category), 1e-12);
    }

    @Test
    void aSmallRegimeWorseThanItsCategoryIsQuotedAtItsOwnLargestError() {
        // Two regime cases at 35 % and 40 % where the category's p90 is about 10 %: each answer quotes the larger of that and the
        // other regime case's error, so 35 % falls inside (40 % quoted) and 40 % outside (35 % quoted); with the category's band
        // alone both would.
        List<Validation.Case> regime = errors("r", 35, 40);
        List<Validation.Case> category = new ArrayList<>(errors("c", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        category.addAll(regime);
        assertEquals(0.5, ErrorBands.quotedCoverage(regime, category), 1e-12);
    }

    @Test
    void aRegimeWithFiveOtherCasesIsJudgedAgainstItsOwnBand() {
        // Six regime cases at 30 %, 31 %, …: each has five others, so the regime's own 90th percentile (about 34 %) is quoted,
        // not the category's 10 %: the five below it are inside, the largest is not.
        List<Validation.Case> regime = errors("r", 30, 31, 32, 33, 34, 35);
        List<Validation.Case> category = new ArrayList<>(errors("c", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        category.addAll(regime);
        assertEquals(5.0 / 6, ErrorBands.quotedCoverage(regime, category), 1e-12);
    }

    @Test
    void aRegimesOnlyCaseIsJudgedAgainstTheCategorysLargestOtherError() {
        List<Validation.Case> category = new ArrayList<>(errors("c", 1, 2, 50));
        assertEquals(1.0, ErrorBands.quotedCoverage(errors("r", 45), withAll(category, errors("r", 45))), 1e-12);
        assertNull(ErrorBands.quotedCoverage(List.of(), category));
    }

    static List<Validation.Case> withAll(List<Validation.Case> a, List<Validation.Case> b) {
        List<Validation.Case> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
