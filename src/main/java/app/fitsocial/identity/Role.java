package app.fitsocial.identity;

/** What a user may do: every user is a USER; PROVIDER users publish classes; ADMIN users may act for any provider. */
public enum Role {
    USER, PROVIDER, ADMIN
}
