package org.hyakuyobako.simulate;

import java.util.SplittableRandom;

/**
 * A benign service's server and the CDN it sends its clients to, each with the name clients look
 * up, registered in the ground truth under their roles.
 */
record ServiceNodes(int server, String serverName, int cdn, String cdnName) {
    static ServiceNodes draw(World w, SplittableRandom r, String serverPrefix, String serverRole, String cdnPrefix, String cdnRole) {
        ServiceNodes nodes = new ServiceNodes(w.book.fresh(r), Names.domain(r, serverPrefix), w.book.fresh(r), Names.domain(r, cdnPrefix));
        w.benign(nodes.server(), serverRole);
        w.benign(nodes.cdn(), cdnRole);
        return nodes;
    }
}
