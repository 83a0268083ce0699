// The devnet's well-known development keys (#0 owner, #1 guardian, #2 verifier, #3-#9 funded users).
export { devnetPrivateKey as devPrivateKey } from "@ballast/devnet";
