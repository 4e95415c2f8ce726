package org.hyakuyobako.detect.sync;

/** An external node and a direction: the key synchronized activity is grouped by. */
record ExternalKey(long hi, long lo, boolean inbound) {
}
