package vn.lgsp.hub.access;

/** Why a grant is approved, rejected or revoked; kept with the grant. */
public record DecisionRequest(String reason) {
}
