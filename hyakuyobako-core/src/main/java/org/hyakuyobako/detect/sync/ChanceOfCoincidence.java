package org.hyakuyobako.detect.sync;

import java.util.List;

/**
 * How likely a set of occasions is by chance, given how often the hosts of this run do things
 * that look like reactions. In a busy intranet seen through a firewall log, people's downloads and
 * page loads start every few minutes per host, so three hosts of a chat service's forty starting
 * one within six seconds happens a few times a day; six bots starting a flood within three seconds
 * does not happen by chance at all. The test adapts to the run instead of fixing a host count.
 *
 * <p>Model: each host starts reactions of a class (bot-like in themselves, or any) as a Poisson
 * process at the run's average rate for that class. On one occasion, {@code k} of the {@code n}
 * hosts the node talks to reacted within a window {@code w}: the chance of at least {@code k} is
 * the Poisson tail at {@code n · rate · w}. Over a finding's {@code m} occasions the chances
 * multiply, times the ways of picking {@code m} of the run's {@code duration / w} windows.
 */
final class ChanceOfCoincidence {
    /** Terms of the Poisson tail summed beyond {@code k}: far more than the tail needs for the small means here. */
    static final int TAIL_TERMS = 60;
    /** A term this small against the sum so far no longer changes it (double precision). */
    static final double NEGLIGIBLE = 1e-17;

    private final double strongRate;
    private final double anyRate;
    private final double durationNanos;

    /**
     * @param reactions the run's bot-like reactions
     * @param hosts the monitored hosts the rates are averaged over
     * @param durationNanos the run's length in packet time
     */
    ChanceOfCoincidence(List<Reaction> reactions, int hosts, long durationNanos) {
        long strong = reactions.stream().filter(r -> r.kind.strong).count();
        // Per host and nanosecond: one reaction at least, so an empty run does not make every coincidence impossible.
        double hostNanos = Math.max(1, hosts) * Math.max(1e9, durationNanos);
        this.strongRate = Math.max(1, strong) / hostNanos;
        this.anyRate = Math.max(1, reactions.size()) / hostNanos;
        this.durationNanos = Math.max(1e9, durationNanos);
    }

    /** One occasion's part: {@code k} reacting hosts of {@code n}, within {@code windowNanos}, all bot-like in themselves or not. */
    record Occasion(int k, int n, long windowNanos, boolean strong) {
    }

    /**
     * log10 of the chance that occasions like these arise by chance in the run, for one of
     * {@code candidates} nodes looked at (each node looked at is one more try).
     */
    double log10(List<Occasion> occasions, int candidates) {
        double sum = 0;
        double logFactorial = 0;
        for (int i = 0; i < occasions.size(); i++) {
            Occasion o = occasions.get(i);
            double rate = o.strong() ? strongRate : anyRate;
            double mean = Math.max(o.k(), o.n()) * rate * o.windowNanos();
            double windows = Math.max(1, durationNanos / o.windowNanos());
            sum += log10Tail(mean, o.k()) + Math.log10(windows);
            logFactorial += Math.log10(i + 1);
        }
        return sum - logFactorial + Math.log10(Math.max(1, candidates));
    }

    /**
     * log10 P(X ≥ k) for X Poisson with the given mean, summed from its first term so small tails
     * stay exact. At or past the mean the tail is large (about one half or more): taken as 1, which
     * can only make a coincidence look likelier, never less likely.
     */
    static double log10Tail(double mean, int k) {
        if (k <= 0 || mean >= k) {
            return 0;
        }
        // log10 of the k-th term: -mean·log10(e) + k·log10(mean) - log10(k!)
        double logTerm = -mean / Math.log(10) + k * Math.log10(mean);
        for (int i = 2; i <= k; i++) {
            logTerm -= Math.log10(i);
        }
        double sum = 1;
        double ratio = 1;
        for (int i = k + 1; i < k + TAIL_TERMS; i++) {
            ratio *= mean / i;
            sum += ratio;
            if (ratio < NEGLIGIBLE * sum) {
                break;
            }
        }
        return Math.min(0, logTerm + Math.log10(sum));
    }
}
