package org.hyakuyobako.detect.blacklist;

/**
 * One entry of a block list as the user wrote it, and where it came from.
 *
 * @param list the list's name (its file name)
 * @param category what the list says the entry is ("cnc", "compromised", "drop", "malware", ...)
 * @param entry the entry: a canonical prefix ("203.0.113.0/24", a host as its bare address) or a
 *     domain as written ("evil.example")
 * @param confidence 0-1, from the list's format or the user's configuration
 * @param line the line in the file, for messages and pivots
 */
public record ListEntry(String list, String category, String entry, double confidence, int line) {
}
