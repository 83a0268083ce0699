import { Controller, Get, Param } from "@nestjs/common";
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from "@nestjs/swagger";
import type { Address } from "viem";
import { AccountReport } from "./AccountReport.js";
import { AccountService } from "./AccountService.js";
import { accountAddressSchema } from "./accountAddressSchema.js";

/** GET /accounts/:address: an account's unified balance, in-flight messages and health. */
@ApiTags("accounts")
@Controller("accounts")
export class AccountsController {
  constructor(private readonly accounts: AccountService) {}

  @Get(":address")
  @ApiOperation({
    summary:
      "Unified balance per ledger chain, vault chain and asset (valued, parked, in flight), cash, positions and health",
  })
  @ApiParam({
    name: "address",
    description: "0x and 40 hex digits, any case",
    example: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  })
  @ApiOkResponse({ type: AccountReport })
  @ApiBadRequestResponse({ description: "The address is malformed: `{ statusCode: 400, message }`" })
  @ApiServiceUnavailableResponse({ description: "A chain could not be read" })
  account(@Param("address", { schema: accountAddressSchema }) address: Address): Promise<AccountReport> {
    return this.accounts.report(address);
  }
}
