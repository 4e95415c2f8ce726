package org.hyakuyobako.detect.http;

/**
 * The signs of an HTTP C&C client, each with the points it adds to the score. Strong signs are ones
 * normal browsing and updaters hardly ever show; weak ones are common alone (web forms post form
 * data, odd software has odd agents) and only count together with others. Whatever the points,
 * one sign alone never scores above {@link C2Score#SINGLE_SIGN_CAP}.
 */
enum C2Sign {
    /** No name (Host missing or an address) and a port no web server uses: TrickBot's 447/449, 8082. */
    BARE_IP_ODD_PORT(0.4),
    /** No name, but a web port: IoT and appliances do it too. */
    BARE_IP(0.15),
    /** The user agent breaks a rule no real browser breaks ({@link UserAgentContradictions}). */
    AGENT_CONTRADICTS(0.4),
    /** The user agent is this host's alone, toward this server alone, while others share theirs. */
    AGENT_RARE(0.2),
    /**
     * Small POSTs to the endpoint on a timer (regular intervals, jitter allowed). A little under the
     * other strong signs: web applications' heartbeats post on a timer too, and with their form
     * data (0.45) they must stay below {@link HttpC2Detector#SURE}.
     */
    PERIODIC_POSTS(0.35),
    /** POST bodies that are base64. */
    BASE64_BODY(0.25),
    /** POST bodies that are form data: every web form does it, so weak. */
    FORM_BODY(0.1),
    /** An executable in answer to a POST (fetched by GET it is a download, the download method's). */
    EXECUTABLE_ANSWER(0.3),
    /** base64 or opaque binary in answer to a POST. */
    ENCODED_ANSWER(0.2);

    final double points;

    C2Sign(double points) {
        this.points = points;
    }
}
