package io.jnatsd.auth.nkey;

/**
 * What a key belongs to, told by the first letter of its text form. The prefix byte carries the
 * letter's base32 value in its top five bits, so the encoded text starts with that letter.
 */
public enum NKeyType {
    OPERATOR('O'),
    SERVER('N'),
    CLUSTER('C'),
    ACCOUNT('A'),
    USER('U'),
    CURVE('X');

    private final char letter;

    NKeyType(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    /** The first byte of an encoded public key of this type. */
    int prefixByte() {
        return Base32.valueOf(letter) << 3;
    }

    static NKeyType ofPrefixByte(int prefix) {
        for (NKeyType type : values()) {
            if (type.prefixByte() == prefix) {
                return type;
            }
        }
        return null;
    }
}
