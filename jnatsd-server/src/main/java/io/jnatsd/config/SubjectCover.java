package io.jnatsd.config;

/**
 * Whether an export's subject (wildcards allowed) covers an import's subject: every subject the
 * import can name must match the export. Only what the account checks of the loader need.
 */
final class SubjectCover {
    private SubjectCover() {
    }

    static boolean covers(String pattern, String subject) {
        String[] p = pattern.split("\\.", -1);
        String[] s = subject.split("\\.", -1);
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals(">")) {
                return s.length > i;
            }
            if (i >= s.length) {
                return false;
            }
            if (p[i].equals("*")) {
                if (s[i].equals(">")) {
                    return false;
                }
            } else if (!p[i].equals(s[i])) {
                return false;
            }
        }
        return p.length == s.length;
    }
}
