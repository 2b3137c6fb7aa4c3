import type { IntentKeywordTable } from './types.ts'

export const ENGLISH_INTENT_KEYWORDS: IntentKeywordTable = {
  'where-is-my-order': {
    strong: [
      'where is my order', 'where is my package', 'where is my parcel', 'where is my item', "where's my order",
      "where's my package", 'wheres my order', 'where is my stuff', 'status of my order', 'order status',
      'tracking number', 'tracking info*', 'track my order', 'track my package', 'has it shipped',
      'has my order shipped', 'has my order been shipped', 'been shipped yet', 'when will it ship',
      'when will my order ship', 'when will .. be shipped', 'when will .. arrive', 'when will .. be delivered', 'when .. will be here', 'when .. will arrive', 'when .. will get here',
      'when can i expect', 'when should i expect', 'estimated delivery', 'shipping status', 'delivery status',
      'update on my order', 'any update*', 'any news', 'left .. warehouse', 'shipping confirmation', 'dispatch confirmation', 'how long .. shipping', 'shipping .. take', 'preparing for shipment', 'preparing to ship', 'news on my order', 'news on my package', 'not shipped yet', "hasn't shipped", 'has not shipped', 'not been shipped',
    ],
    medium: ['where it is', 'on its way', 'arrive by', "hasn't updated", 'has not updated', 'not updated', 'on the way', 'label created', 'in transit', 'check with the carrier', 'status .. not changed', "status hasn't changed", 'not moved', 'no movement'],
    hint: ['tracking', 'track*', 'shipped', 'dispatch*', 'where is it', 'status', 'carrier', 'when will i get', 'when will i receive'],
  },
  'delivery-delay': {
    strong: [
      'delay*', 'late delivery', 'arrive* late', 'running late', 'is late', 'so late', 'very late', 'overdue',
      'supposed to arrive', 'supposed to be delivered', 'was expected', 'was scheduled', 'should have arrived', 'should have been delivered',
      'expected .. by', 'was due', 'past the delivery date', 'past the estimated', 'delivery date .. passed',
      'delivery date has passed', 'taking too long', 'taking so long', 'takes so long', 'later than', 'still not here', 'still hasn t arrived',
      "still hasn't arrived", 'still has not arrived', 'not arrived yet', "hasn't arrived yet", 'has not arrived yet',
    ],
    // Waiting is said of refunds and replies too.
    medium: ['still waiting', 'been waiting', 'waiting for weeks', 'waiting for over', 'stuck in', 'stuck at', "hasn't moved", 'has not moved'],
    hint: ['waiting', 'weeks ago', 'days ago', 'promised'],
  },
  'not-received': {
    strong: [
      'not received', "haven't received", 'have not received', 'havent received', "didn't receive", 'did not receive',
      'didnt receive', 'never received', 'never recieved', 'not recieved', 'never arrived', 'never got', "didn't get",
      'did not get', 'never came', 'never showed up', 'marked as delivered', 'says delivered', 'says it was delivered',
      'marked .. delivered', "it's nowhere", 'nowhere to be found', 'shows delivered', 'shows as delivered', 'disappeared', 'vanished', 'gone missing', 'although .. delivered', 'even though .. delivered', 'shows it was delivered', 'delivered but', 'not in my mailbox',
      'lost package', 'package was lost', 'package is lost', 'parcel was lost', 'lost in transit', 'stolen',
      'missing package', 'package is missing', 'parcel is missing', "wasn't delivered", 'was not delivered',
      'nothing arrived', 'nothing was delivered', 'not delivered', 'no package', 'left at the wrong', 'delivered to the wrong',
      'wrong house', 'wrong door', 'delivered to someone else', "don't have it", 'do not have it',
    ],
    hint: ["hasn't arrived", 'has not arrived', 'not arrived', 'not here'],
  },
  'damaged-defective': {
    strong: [
      'damaged', 'damage', 'broken', 'broke', 'defective', 'defect*', 'faulty', "doesn't work", 'does not work',
      'doesnt work', 'not working', 'stopped working', "won't turn on", 'will not turn on', 'does not turn on',
      "doesn't turn on", 'wont turn on', 'cracked', 'crack', 'scratched', 'scratches', 'torn', 'ripped', 'dented',
      'leak*', 'shattered', 'malfunction*', 'dead on arrival', 'doa', 'crushed', 'smashed', 'missing parts',
      'missing piece*', 'parts missing', 'parts are missing', 'piece is missing', 'poor quality', 'fell apart',
      'falling apart', 'stopped charging', "won't charge", 'does not charge', 'no power', 'bent', 'warped', 'snapped',
      'stained', 'moldy', 'expired', 'wet', 'freezes', 'keeps crashing', 'flicker*', 'keeps turning off', 'unresponsive',
      'jammed', 'just stuck', 'gets stuck', "doesn't dispense", "won't dispense", 'wobbl*', 'uneven', 'cuts out', 'cutting out', 'crackl*', 'buzzing', 'rattl*', 'already opened', 'was opened', 'half empty', 'not new',
      'second hand', 'used item', 'stopped after', 'stopped .. after',
    ],
    medium: ["can't assemble", 'cant assemble', 'cannot assemble', 'is missing', 'are missing'],
    hint: ['quality', 'stopped', 'works only', 'worn', 'missing'],
  },
  'wrong-item': {
    strong: [
      'wrong item', 'wrong product', 'wrong size', 'wrong color', 'wrong colour', 'wrong model', 'wrong one',
      'wrong order', 'wrong thing', 'not what i ordered', 'not the item i ordered', 'not the one i ordered',
      'not the product i ordered', 'different item', 'different product', 'different model', 'different color',
      'different colour', 'received the wrong', 'sent me the wrong', 'sent the wrong', 'incorrect item',
      'incorrect product', 'not as described', 'wrong pattern', 'wrong design', 'wrong style', 'wrong version',
      'wrong flavor', 'wrong flavour', 'wrong scent', 'wrong quantity', 'wrong type', 'wrong brand', 'wrong book', 'never ordered', "isn't what i ordered", 'is not what i ordered', 'someone else*',
    ],
    medium: ['the wrong', 'only .. in the box', 'only .. in the package', 'only .. came', 'ordered ... but only', 'only received', 'only got', 'instead of', 'ordered ... but got', 'ordered ... but received', 'ordered ... and got', 'ordered ... and received', 'ordered ... got a', 'paid for ... got', 'got ... but i ordered'],
    hint: ['wrong', 'incorrect', 'does not match', "doesn't match"],
  },
  'return-request': {
    strong: [
      'return it', 'return this', 'return the item', 'return the product', 'return them', 'return the order',
      'want to return', 'like to return', 'need to return', 'how do i return', 'how can i return', 'can i return',
      'return label', 'return shipping label', 'send it back', 'send them back', 'send back', 'ship it back',
      'return request', 'return authori*', 'rma', 'returning', 'exchange', 'replacement', 'replace it',
      'return policy', 'start a return', 'swap .. for', 'swap it', 'exchange it',
    ],
    hint: ['return', 'swap'],
  },
  'refund-status': {
    strong: [
      'refund status', 'where is my refund', 'my refund', 'refund yet', 'been refunded', 'not refunded',
      'still no refund', 'no refund', 'when will i get my refund', 'when will i be refunded', 'money back',
      'refund has not', "refund hasn't", 'refund was not', 'refund me', 'full refund', 'partial refund',
      'want a refund', 'like a refund', 'get a refund', 'issue a refund', 'refund to my', 'reimburse*',
    ],
    medium: ['refund*', 'money returned', 'money back to', 'original payment method', 'my money'],
    hint: ['charged', 'credit'],
  },
  'cancel-request': {
    strong: [
      'cancel*', "don't ship", 'do not ship', "don't send", 'do not send', 'dont send', 'stop the order', 'stop the shipment', 'stop shipping', 'no longer need',
      'no longer want', "don't need it anymore", 'ordered by mistake', 'ordered it by mistake', 'ordered twice',
      'duplicate order', 'accidentally ordered', 'ordered accidentally', 'order by accident', 'ordered by accident',
    ],
  },
  'product-question': {
    strong: [
      'does it come with', 'does this come with', 'does it have', 'does this have', 'does it include',
      'does this include', 'is it included', 'included in the box', 'in the box', 'what is it made of', 'made of',
      'how do i use', 'how to use', 'how does it work', 'battery life', 'can it be used', 'can i use it', 'question about the product',
      'question about this', 'product question', 'dishwasher safe', 'waterproof', 'washable', 'machine wash*', 'what is the difference',
      'before i buy', 'before i order', 'before buying', 'before ordering', 'before purchasing', 'in stock',
      'restock', 'back in stock', 'is this item', 'is this product', 'how many', 'do you offer', 'do you have this',
      'is there a', 'available in', 'come in', 'comes in',
    ],
    // Product nouns: a buyer names them in complaints too.
    medium: ['material', 'instruction*', 'manual', 'battery', 'batteries', 'warranty', 'ingredient*', 'wattage', 'voltage', 'capacity', 'weight'],
    hint: ['does it', 'does this', 'is it', 'can it', 'can you tell me', 'question', 'how long', 'colour', 'color', 'set up', 'setup'],
  },
  'size-compatibility': {
    strong: [
      'what size', 'which size', 'size chart', 'size guide', 'sizing', 'runs small', 'runs large', 'runs big',
      'true to size', 'will .. fit', 'would .. fit', 'does .. fit', 'will it fit', 'does it fit', 'would it fit', 'will this fit', 'does this fit', 'fit my',
      'fits my', 'work in a', 'work in my', 'work on a', 'work on my', 'works in', 'compatible', 'compatibility', 'work with my', 'works with', 'work with', 'dimension*',
      'measurement*', 'how big', 'how tall', 'how wide', 'how long is', 'inseam', 'waist size', 'shoe size',
    ],
    hint: ['size', 'too small', 'too big', 'too large', 'too tight', 'fit', 'fits', 'inches', 'cm'],
  },
  'invoice-request': {
    strong: ['invoice*', 'receipt', 'vat', 'tax invoice', 'billing document', 'proof of purchase', 'gst', 'company details'],
    hint: ['bill', 'tax', 'business purchase'],
  },
  'address-change': {
    strong: [
      'change the address', 'change my address', 'change the shipping address', 'change the delivery address',
      'change .. address', 'update the address', 'update my address', 'update .. address', 'new address',
      'address change', 'different address', 'wrong address', 'correct address', 'address is wrong',
      'address is incorrect', 'incorrect address', 'typo in the address', 'mistake in the address',
      'ship it to', 'deliver it to', 'moved house', 'i moved',
    ],
    medium: [
      'zip code', 'postcode', 'postal code', 'ship it to my', 'send it to my', 'deliver it to my', 'deliver to my',
      'apartment number', 'flat number', 'house number',
    ],
    hint: ['address'],
  },
  'feedback-review': {
    strong: ['feedback', 'review*', 'rating', 'rated', 'stars', '1 star', '5 star*'],
    medium: ['love it', 'very happy', 'very satisfied', 'great product', 'thank you for the', 'happy with'],
    hint: ['excellent', 'recommend', 'perfect'],
  },
}
