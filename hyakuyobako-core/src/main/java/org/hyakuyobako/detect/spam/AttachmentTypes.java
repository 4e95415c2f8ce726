package org.hyakuyobako.detect.spam;

import java.util.List;
import java.util.Locale;

/**
 * Whether an attachment's declared MIME type is a kind that cannot run code while its name says it
 * can: the disguise of malspam (a macro workbook sent as {@code spreadsheetml.sheet}, the
 * macro-free type; an executable as {@code image/jpeg}). A generic type
 * ({@code application/octet-stream}) or a missing one is no disguise.
 */
final class AttachmentTypes {
    /** Types that name a document or medium without macros or code. */
    private static final List<String> HARMLESS = List.of(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/pdf", "text/plain", "text/csv", "image/", "audio/", "video/");

    private AttachmentTypes() {
    }

    static boolean declaredHarmless(String type) {
        if (type == null || type.isBlank()) {
            return false;
        }
        String t = type.toLowerCase(Locale.ROOT);
        for (String harmless : HARMLESS) {
            if (harmless.endsWith("/") ? t.startsWith(harmless) : t.equals(harmless)) {
                return true;
            }
        }
        return false;
    }
}
