package io.appgraph.backstage;

import java.util.Locale;

/**
 * A reference from one Backstage entity to another, in any of the forms a catalog writes
 * it: {@code name}, {@code kind:name} or {@code kind:namespace/name} (and
 * {@code namespace/name}). Backstage compares references without regard to case, so kind
 * and name are kept in lower case. appgraph names are global: the namespace is kept only
 * to be printed.
 *
 * @param kind the entity kind in lower case, such as {@code group} or {@code component}
 * @param namespace the namespace, {@code default} when the reference names none
 * @param name the entity name in lower case
 */
record EntityRef(String kind, String namespace, String name) {

    /**
     * Parses {@code text}, taking {@code defaultKind} when it names no kind.
     * @throws IllegalArgumentException when {@code text} is not a reference
     */
    static EntityRef parse(String text, String defaultKind) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an empty entity reference");
        }
        String rest = text.strip();
        String kind = defaultKind;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            kind = rest.substring(0, colon);
            rest = rest.substring(colon + 1);
        }
        String namespace = "default";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            namespace = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
        }
        if (kind == null || kind.isEmpty() || namespace.isEmpty() || rest.isEmpty() || rest.contains(":")
                || rest.contains("/")) {
            throw new IllegalArgumentException("'" + text + "' is not an entity reference such as "
                    + ((defaultKind != null) ? "'" + defaultKind + ":name', " : "'kind:name', ")
                    + "'kind:namespace/name' or 'name'");
        }
        return new EntityRef(kind.toLowerCase(Locale.ROOT), namespace.toLowerCase(Locale.ROOT),
                rest.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return this.kind + ":" + ("default".equals(this.namespace) ? "" : this.namespace + "/") + this.name;
    }

}
