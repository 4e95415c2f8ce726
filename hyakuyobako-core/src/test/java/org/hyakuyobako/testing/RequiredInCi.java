package org.hyakuyobako.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * A test dependency (browser, driver, Hyperscan natives) that a developer's machine may lack but CI
 * installs. Locally its absence skips the test; with {@code CI=true} it fails the run, because there
 * a skip would hide a broken install and with it every check the test makes.
 */
public final class RequiredInCi {
    private RequiredInCi() {
    }

    /** Skips (locally) or fails (in CI) unless {@code present}; {@code what} says what is missing and how to get it. */
    public static void assumePresent(boolean present, String what) {
        if (present) {
            return;
        }
        if (inCi()) {
            fail("CI=true but " + what);
        }
        Assumptions.assumeTrue(false, what);
    }

    static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
