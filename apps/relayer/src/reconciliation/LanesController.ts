import { Controller, Get, HttpCode, Param, Post, UseGuards } from "@nestjs/common";
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from "@nestjs/swagger";
import type { Address } from "viem";
import { OperatorGuard } from "../api/OperatorGuard.js";
import { LanePauseService } from "./LanePauseService.js";
import { LanesReport, PauseLaneReport } from "./LanesReport.js";
import { assetParamSchema, eidParamSchema } from "./lanePathSchemas.js";
import { ReconciliationService } from "./ReconciliationService.js";

/** GET /lanes: the invariant status of every lane at the last reconciliation; pausing a lane (operator). */
@ApiTags("lanes")
@Controller("lanes")
export class LanesController {
  constructor(
    private readonly reconciliation: ReconciliationService,
    private readonly pauses: LanePauseService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "Per lane (vault chain, ledger chain, asset) and vault asset: consistent, or the discrepancies with expected and actual amounts and the messages involved",
  })
  @ApiOkResponse({ type: LanesReport })
  lanes(): LanesReport {
    return this.reconciliation.report();
  }

  @Post(":vaultEid/:ledgerEid/:asset/pause")
  @UseGuards(OperatorGuard)
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({
    summary: "Pause the lane's vault locks with the guardian key (operator; locks pause per vault)",
  })
  @ApiParam({ name: "vaultEid", example: 40101 })
  @ApiParam({ name: "ledgerEid", example: 40102 })
  @ApiParam({ name: "asset", description: "The asset on the vault's chain" })
  @ApiOkResponse({ type: PauseLaneReport })
  @ApiBadRequestResponse({ description: "A malformed or unknown eid or asset" })
  @ApiUnauthorizedResponse({ description: "A missing or wrong bearer token" })
  @ApiForbiddenResponse({ description: "No operator token is configured" })
  @ApiConflictResponse({ description: "No guardian key is configured" })
  pause(
    @Param("vaultEid", { schema: eidParamSchema }) vaultEid: number,
    @Param("ledgerEid", { schema: eidParamSchema }) ledgerEid: number,
    @Param("asset", { schema: assetParamSchema }) asset: Address,
  ): Promise<PauseLaneReport> {
    return this.pauses.pause(vaultEid, ledgerEid, asset);
  }
}
