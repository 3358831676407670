package io.appgraph.ownership;

/** A level of accountability for an app, in the order the ownership chain lists them. */
enum OwnershipRole {

    OWNER, SQUAD, BUDDY, GROUP

}
